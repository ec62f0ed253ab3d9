using System.Text.Json;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Api.Upstream;
using Realtime.Browser.Tests.Infrastructure;
using Realtime.Browser.Tests.WebRtc;
using Realtime.Testing.Browser;
using Xunit.Abstractions;

namespace Realtime.Browser.Tests.OpenAISdks;

/// <summary>
/// OpenAI's official Node SDK (<c>openai</c> from npm, its <c>OpenAIRealtimeWS</c>), unmodified, on the sideband of a
/// live call that Chromium opened through <c>/api/realtime-token</c> and the api's emulator: the SDK receives the call's
/// events, and the <c>session.update</c> it sends is seen by the browser, the call's peer.
/// </summary>
public sealed class OpenAINodeSdkSidebandTests(DevApiHost host, ITestOutputHelper output) : IClassFixture<DevApiHost>
{
    private const int TestTimeoutMs = 120_000;
    private const int EventWaitMs = 20_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_Node_SDK_follows_a_live_call_and_its_session_update_reaches_the_browser()
    {
        OpenAISdkPackages.EnsureInstalled();
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await RealtimeCallPage.OpenAsync(chromium, host.BaseAddress);
        var call = await page.Page.EvaluateAsync<JsonElement>("jwt => startCall(jwt)", jwt);
        Assert.Equal(201, call.GetProperty("status").GetInt32());
        var callId = call.GetProperty("location").GetString()!.Split('/')[^1];

        var sideband = NodeRun.RunAsync(OpenAISdkPackages.Folder, TimeSpan.FromSeconds(60),
            "sideband.mjs", host.BaseAddress.ToString(), UpstreamEndpoint.EmulatorKey, callId);

        var updated = await page.Page.EvaluateAsync<JsonElement>("ms => nextEvent('session.updated', ms)", EventWaitMs);
        Assert.Equal("From the Node SDK sideband", updated.GetProperty("session").GetProperty("instructions").GetString());
        await page.Page.EvaluateAsync("t => send(t)",
            """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"From the browser"}]}}""");

        var run = await sideband;
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        var types = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Contains("session.updated", types);
        Assert.Equal("conversation.item.added", types[^1]);
    }
}
