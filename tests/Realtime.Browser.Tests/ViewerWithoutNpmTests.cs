using System.Net;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Browser.Tests.Infrastructure;

namespace Realtime.Browser.Tests;

/// <summary>An api built where npm was missing: the viewer link and the speaker page explain themselves instead of serving a broken page.</summary>
public sealed class ViewerWithoutNpmTests(NoViewerAssetsApiHost host) : IClassFixture<NoViewerAssetsApiHost>
{
    [Fact(Timeout = 60_000)]
    public async Task The_watch_link_answers_503_naming_what_is_missing()
    {
        var (_, sessionId) = await SessionCalls.MintAsync(host);
        using var response = await host.Client.GetAsync($"/watch/{sessionId}?token=anything");
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("npm", problem["detail"]!.GetValue<string>());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_speak_page_answers_503_naming_what_is_missing()
    {
        using var response = await host.Client.GetAsync("/speak");
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("npm", problem["detail"]!.GetValue<string>());
    }
}
