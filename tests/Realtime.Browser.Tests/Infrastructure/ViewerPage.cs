using System.Collections.Concurrent;
using Microsoft.Playwright;
using Realtime.Testing.Browser;

namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>The viewer page open in Chromium: its parts by role, and what went wrong in its console.</summary>
public sealed class ViewerPage
{
    private ViewerPage(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>Console errors, uncaught exceptions and refused requests (a CSP violation shows up here).</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>The URLs of the WebSockets the page opened.</summary>
    public ConcurrentQueue<string> WebSockets { get; } = new();

    public ILocator Connection => Page.Locator("#connection");

    public ILocator SessionState => Page.Locator("#session-state");

    public ILocator Segments => Page.Locator("#captions > li");

    public ILocator History => Page.Locator("#history");

    public static async Task<ViewerPage> OpenAsync(Chromium chromium, string url)
    {
        var tab = await chromium.FirstTabAsync();
        var page = new ViewerPage(tab);
        PageProblems.CollectInto(tab, page.Problems);
        tab.WebSocket += (_, socket) => page.WebSockets.Enqueue(socket.Url);
        var response = await tab.GotoAsync(url);
        Assert.True(response?.Ok, $"GET {url} answered {response?.Status}");
        return page;
    }

    public ILocator Segment(string text) => Segments.Filter(new LocatorFilterOptions { HasText = text });

    public static Task<string> FontStyleAsync(ILocator segment) =>
        segment.Locator(".text").EvaluateAsync<string>("element => getComputedStyle(element).fontStyle");
}
