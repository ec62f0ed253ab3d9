using System.Diagnostics;
using System.Text.Json;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Testing.Browser;
using Xunit.Abstractions;

namespace Realtime.Browser.Tests.WebRtc;

/// <summary>
/// Headless Chromium calls the api's emulator over real WebRTC on 127.0.0.1, exactly as the seed guide's browser code
/// (docs/design.md §Seed guide) calls OpenAI: the emulator (our managed stack, ICE-lite and DTLS client) must be indistinguishable for it.
/// </summary>
public sealed class RealtimeCallTests(DevApiHost host, ITestOutputHelper output) : IClassFixture<DevApiHost>
{
    private const int TestTimeoutMs = 120_000;
    private const int EventWaitMs = 15_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Chromium_opens_a_call_and_talks_GA_events_on_oai_events()
    {
        var clock = Stopwatch.StartNew();
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await RealtimeCallPage.OpenAsync(chromium, host.BaseAddress);

        var call = await page.Page.EvaluateAsync<JsonElement>("jwt => startCall(jwt)", jwt);
        output.WriteLine($"offer to open channel: {clock.ElapsedMilliseconds} ms (launch included)");
        Assert.Equal(201, call.GetProperty("status").GetInt32());
        var location = call.GetProperty("location").GetString()!;
        Assert.Matches("^/v1/realtime/calls/rtc_[A-Za-z0-9]+$", location);
        var answer = call.GetProperty("answer").GetString()!;
        Assert.Contains("a=setup:active", answer, StringComparison.Ordinal);
        Assert.Contains("a=ice-lite", answer, StringComparison.Ordinal);
        Assert.StartsWith(host.BaseAddress.ToString().TrimEnd('/'), call.GetProperty("callsUrl").GetString(), StringComparison.Ordinal);

        var created = await NextAsync(page, "session.created");
        Assert.StartsWith("sess_", created.GetProperty("session").GetProperty("id").GetString(), StringComparison.Ordinal);

        await SendAsync(page, """{"type":"session.update","session":{"type":"realtime","instructions":"Transcribe accurately.","audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"turn_detection":{"type":"server_vad","threshold":0.5}},"output":{"voice":"marin"}}}}""");
        var updated = await NextAsync(page, "session.updated");
        Assert.Equal("Transcribe accurately.", updated.GetProperty("session").GetProperty("instructions").GetString());

        // The seed guide's own (beta-shaped) update (docs/design.md §Seed guide): GA refuses it whole.
        // It has no session.type, the first thing GA asks for; given one, its beta fields are unknown.
        await SendAsync(page, """{"type":"session.update","session":{"modalities":["text"],"instructions":"x","voice":"alloy","input_audio_format":"pcm16","temperature":0.8}}""");
        var refused = await NextAsync(page, "error");
        Assert.Equal("missing_required_parameter", refused.GetProperty("error").GetProperty("code").GetString());
        await SendAsync(page, """{"type":"session.update","session":{"type":"realtime","modalities":["text"],"instructions":"x","voice":"alloy","input_audio_format":"pcm16","temperature":0.8}}""");
        var unknown = await NextAsync(page, "error");
        Assert.Equal("unknown_parameter", unknown.GetProperty("error").GetProperty("code").GetString());

        await SendAsync(page, "this is not json");
        var invalid = await NextAsync(page, "error");
        Assert.Equal("invalid_json", invalid.GetProperty("error").GetProperty("code").GetString());

        await SendAsync(page, """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello emulator"}]}}""");
        await SendAsync(page, """{"type":"response.create","response":{"output_modalities":["text"]}}""");
        await NextAsync(page, "response.created");
        var text = await NextAsync(page, "response.output_text.done");
        Assert.Equal("You said: Hello emulator", text.GetProperty("text").GetString());
        var done = await NextAsync(page, "response.done");
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());

        var state = await page.Page.EvaluateAsync<JsonElement>("() => state()");
        Assert.Equal("connected", state.GetProperty("connection").GetString());
        Assert.Equal(200, await page.Page.EvaluateAsync<int>("([l, s]) => hangUp(l, s)", new[] { location, call.GetProperty("secret").GetString() }));
        output.WriteLine($"whole call: {clock.ElapsedMilliseconds} ms");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Bad_sdp_and_unknown_secrets_get_OpenAI_shaped_400_and_401_in_the_browser()
    {
        var (jwt, _) = await SessionCalls.MintAsync(host);
        using var minted = await host.RequestTokenAsync(jwt);
        var token = await HttpAssert.OkAsync(minted);
        var secret = token["client_secret"]!.GetValue<string>();
        var callsUrl = token["calls_url"]!.GetValue<string>();
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await RealtimeCallPage.OpenAsync(chromium, host.BaseAddress);

        var bad = await page.Page.EvaluateAsync<JsonElement>("([u, s]) => postOffer(u, s, 'v=0\\r\\nm=audio\\r\\n')", new[] { callsUrl, secret });
        Assert.Equal(400, bad.GetProperty("status").GetInt32());
        var badError = JsonDocument.Parse(bad.GetProperty("body").GetString()!).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", badError.GetProperty("type").GetString());
        Assert.Contains("line", badError.GetProperty("message").GetString(), StringComparison.Ordinal);

        var unknown = await page.Page.EvaluateAsync<JsonElement>("([u]) => postOffer(u, 'ek_unknownSecret0123456789abcdefgh', 'v=0\\r\\n')", new[] { callsUrl });
        Assert.Equal(401, unknown.GetProperty("status").GetInt32());
        var unknownError = JsonDocument.Parse(unknown.GetProperty("body").GetString()!).RootElement.GetProperty("error");
        Assert.Equal("invalid_api_key", unknownError.GetProperty("code").GetString());
    }

    /// <summary>
    /// The hold: still connected 45 s after opening, and still answering. Consent freshness (Chromium's
    /// checks every few seconds, answered by the lite agent) and SCTP heartbeats carry it. About 50 s in all.
    /// </summary>
    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_call_is_still_connected_and_answering_45_seconds_later()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await RealtimeCallPage.OpenAsync(chromium, host.BaseAddress);
        var call = await page.Page.EvaluateAsync<JsonElement>("jwt => startCall(jwt)", jwt);
        Assert.Equal(201, call.GetProperty("status").GetInt32());
        await NextAsync(page, "session.created");

        await Task.Delay(TimeSpan.FromSeconds(45));

        var state = await page.Page.EvaluateAsync<JsonElement>("() => state()");
        Assert.Equal("connected", state.GetProperty("connection").GetString());
        Assert.Equal("open", state.GetProperty("channel").GetString());
        await SendAsync(page, """{"type":"session.update","session":{"type":"realtime","instructions":"Still here?"}}""");
        var updated = await NextAsync(page, "session.updated");
        Assert.Equal("Still here?", updated.GetProperty("session").GetProperty("instructions").GetString());
    }

    private static Task<JsonElement?> SendAsync(RealtimeCallPage page, string text) => page.Page.EvaluateAsync("t => send(t)", text);

    private static Task<JsonElement> NextAsync(RealtimeCallPage page, string type) =>
        page.Page.EvaluateAsync<JsonElement>("([t, ms]) => nextEvent(t, ms)", new object[] { type, EventWaitMs });
}
