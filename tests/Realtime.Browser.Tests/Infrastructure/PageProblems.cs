using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>What went wrong in a page: console errors, uncaught exceptions, failed requests and HTTP errors (a CSP violation shows up here).</summary>
public static class PageProblems
{
    public static void CollectInto(IPage tab, ConcurrentQueue<string> problems)
    {
        tab.Console += (_, message) =>
        {
            if (message.Type == "error") problems.Enqueue($"console: {message.Text} ({message.Location})");
        };
        tab.PageError += (_, error) => problems.Enqueue($"page error: {error}");
        tab.RequestFailed += (_, request) => problems.Enqueue($"request failed: {request.Url} {request.Failure}");
        tab.Response += (_, response) =>
        {
            if (response.Status >= 400) problems.Enqueue($"HTTP {response.Status}: {response.Url}");
        };
    }
}
