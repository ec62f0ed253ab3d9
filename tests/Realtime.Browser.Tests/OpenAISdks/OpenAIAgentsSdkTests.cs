using System.Text.Json;
using Microsoft.Playwright;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Browser.Tests.Infrastructure;
using Realtime.Testing.Browser;
using Xunit.Abstractions;

namespace Realtime.Browser.Tests.OpenAISdks;

/// <summary>
/// OpenAI's Agents SDK (<c>@openai/agents-realtime</c> 0.20.0 from npm, bundled with esbuild for the page), unmodified,
/// in headless Chromium: a <c>RealtimeSession</c> on its WebRTC transport, given <c>value</c> and <c>calls_url</c> from
/// <c>/api/realtime-token</c>, connects to the api's emulator, applies a config with <c>parallel_tool_calls</c>, completes
/// a turn, interrupts, and sees no error, from the api's own origin and from another one (through CORS).
/// </summary>
public sealed class OpenAIAgentsSdkTests(DevApiHost host, ITestOutputHelper output) : IClassFixture<DevApiHost>
{
    private const int TestTimeoutMs = 120_000;
    private const string PagePath = "/__tests/agents-sdk.html";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_Agents_SDK_completes_a_turn_and_an_interrupt_with_no_error_from_the_api_origin()
    {
        var html = Html(await OpenAISdkPackages.BundleAsync("agents-page.js"));
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        await RunTurnAsync(await OpenOnApiOriginAsync(chromium, html));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_Agents_SDK_works_from_another_origin_through_CORS()
    {
        var html = Html(await OpenAISdkPackages.BundleAsync("agents-page.js"));
        await using var other = await OtherOriginPage.StartAsync(PagePath, html);
        Assert.NotEqual(host.BaseAddress.Port, other.Url.Port);
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await chromium.FirstTabAsync();
        await page.GotoAsync(other.Url.ToString());
        await RunTurnAsync(page);
    }

    private async Task RunTurnAsync(IPage page)
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        var token = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));

        var connected = await page.EvaluateAsync<JsonElement>("t => connectAgent(t)",
            new { value = token["value"]!.GetValue<string>(), callsUrl = token["calls_url"]!.GetValue<string>() });
        Assert.Equal("connected", connected.GetProperty("status").GetString());
        Assert.StartsWith("rtc_", connected.GetProperty("callId").GetString(), StringComparison.Ordinal);
        Assert.False(connected.GetProperty("session").GetProperty("parallel_tool_calls").GetBoolean());

        var turn = await page.EvaluateAsync<JsonElement>("t => talk(t)", "Hello from the Agents SDK");
        Assert.Equal("completed", turn.GetProperty("status").GetString());
        Assert.Equal("You said: Hello from the Agents SDK", turn.GetProperty("reply").GetString());
        Assert.True(turn.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);

        var report = await page.EvaluateAsync<JsonElement>("() => report()");
        output.WriteLine($"events: {report.GetProperty("types")}");
        Assert.Equal(0, report.GetProperty("errors").GetArrayLength());
        Assert.Equal(0, report.GetProperty("errorEvents").GetArrayLength());
        await page.EvaluateAsync("() => hangUp()");
    }

    private static string Html(string script) => $"<!doctype html><meta charset=\"utf-8\"><title>agents sdk</title><script>{script}</script>";

    /// <summary>Served through a Playwright route at the api's own origin, so the api needs no test page.</summary>
    private async Task<IPage> OpenOnApiOriginAsync(Chromium chromium, string html)
    {
        var page = await chromium.FirstTabAsync();
        var url = new Uri(host.BaseAddress, PagePath).ToString();
        await page.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = html }));
        await page.GotoAsync(url);
        return page;
    }
}
