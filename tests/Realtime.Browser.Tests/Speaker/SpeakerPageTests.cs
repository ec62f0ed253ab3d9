using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Browser.Tests.Infrastructure;
using Realtime.Shared.Sessions;
using Realtime.Testing.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>
/// The speaker page (/speak) in headless Chromium with a fake microphone, against the real api and its mounted
/// emulator: the call goes through POST /api/sessions/{id}/calls and the page relays every event to the hub, from
/// which a viewer page in another browser shows the captions. Turns are driven over the emulator's sideband
/// (conversation.item.create + response.create), so the emulator answers with captions without hearing speech.
/// </summary>
public sealed class SpeakerPageTests(DevApiHost host, ITestOutputHelper output) : IClassFixture<DevApiHost>, IAsyncLifetime
{
    private const int TestTimeoutMs = 180_000;
    private static readonly LocatorAssertionsToHaveAttributeOptions Slowly = new() { Timeout = 45_000 };

    private readonly string _silence = Path.Combine(Path.GetTempPath(), $"silence-{Guid.NewGuid():N}.wav");

    static SpeakerPageTests() => SetDefaultExpectTimeout(20_000);

    // A silent microphone: the emulator hears no turn of its own, so only the sideband's turns make captions.
    private IReadOnlyList<string> SilentMicrophone => FakeMicrophone.Playing(_silence, loop: true);

    public Task InitializeAsync() => FakeMicrophone.SilenceAsync(_silence);

    public Task DisposeAsync()
    {
        File.Delete(_silence);
        return Task.CompletedTask;
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_call_from_the_page_reaches_a_viewer_in_another_browser_every_final_in_order_with_its_role()
    {
        await using var speakerBrowser = await Chromium.LaunchAsync(SilentMicrophone);
        var speaker = await StartedSpeakerAsync(speakerBrowser);
        var sessionId = await speaker.Session.InnerTextAsync();
        await using var viewerBrowser = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(viewerBrowser, await ShareAsync(speaker));
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "connected");
        await using var sideband = await Sideband.AttachAsync(host.BaseAddress, await CallIdAsync(sessionId));

        string[] turns = ["The first point.", "A second one.", "And the last."];
        foreach (var turn in turns) await sideband.SayAsync(turn);

        var replies = turns.Select(turn => $"You said: {turn}").ToArray();
        await Expect(viewer.Segments.Locator(".text")).ToHaveTextAsync(replies);
        foreach (var reply in replies)
        {
            await Expect(viewer.Segment(reply)).ToHaveAttributeAsync("data-kind", "final");
            await Expect(viewer.Segment(reply)).ToHaveAttributeAsync("data-role", "assistant");
        }
        await Expect(speaker.Captions.Locator(".text")).ToHaveTextAsync(replies);
        await Expect(speaker.Caption(replies[^1])).ToHaveAttributeAsync("data-kind", "final");
        await Expect(viewer.SessionState).ToHaveTextAsync("Live");

        var screenshot = Path.Combine(Path.GetTempPath(), $"realtime-speak-{sessionId}.png");
        await speaker.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true, Mask = [speaker.ShareUrl], MaskColor = "#1e222b" });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.DoesNotContain("ek_", await speaker.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(speaker.Problems.IsEmpty, string.Join(Environment.NewLine, speaker.Problems));
        Assert.True(viewer.Problems.IsEmpty, string.Join(Environment.NewLine, viewer.Problems));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_relay_loses_nothing_and_doubles_nothing_when_its_hub_socket_is_cut_mid_call()
    {
        await using var speakerBrowser = await Chromium.LaunchAsync(SilentMicrophone);
        // The page's hub WebSocket goes through Playwright, so the test can cut it as a dropped network would.
        var sockets = new SocketCutter();
        await speakerBrowser.Context.RouteWebSocketAsync(new Regex("/hubs/captions"), sockets.Relay);
        var speaker = await StartedSpeakerAsync(speakerBrowser);
        var sessionId = await speaker.Session.InnerTextAsync();
        await using var viewerBrowser = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(viewerBrowser, await ShareAsync(speaker));
        await using var sideband = await Sideband.AttachAsync(host.BaseAddress, await CallIdAsync(sessionId));
        await sideband.SayAsync("Before the drop.");
        await Expect(viewer.Segment("You said: Before the drop.")).ToHaveAttributeAsync("data-kind", "final");

        // Cut while an answer streams, and keep the relay offline (no negotiate gets through) while more is said.
        await sideband.SayAsync("Cut while this answer streams.");
        await speakerBrowser.Context.SetOfflineAsync(true);
        await sockets.CutAsync();
        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "reconnecting");
        await sideband.SayAsync("Said while the relay was away.");
        await Expect(speaker.Caption("You said: Said while the relay was away.")).ToHaveAttributeAsync("data-kind", "final");
        await speakerBrowser.Context.SetOfflineAsync(false);
        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "live", Slowly);
        await sideband.SayAsync("After the drop.");

        string[] replies = ["You said: Before the drop.", "You said: Cut while this answer streams.",
            "You said: Said while the relay was away.", "You said: After the drop."];
        await Expect(viewer.Segments.Locator(".text")).ToHaveTextAsync(replies, new() { Timeout = 45_000 });
        await Expect(viewer.Segments.Filter(new() { HasText = "After the drop." })).ToHaveAttributeAsync("data-kind", "final");
        var transcript = await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, await TokenOfAsync(speaker), $"/api/sessions/{sessionId}/transcript?format=json"));
        var segments = transcript["segments"]!.AsArray().Select(s => (s!["kind"]!.GetValue<string>(), s["text"]!.GetValue<string>())).ToList();
        Assert.Equal(replies.Select(text => ("final", text)), segments);
        Assert.True(sockets.Opened >= 2, $"the relay should have opened a second WebSocket, opened {sockets.Opened}");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Stop_hangs_up_the_call_ends_the_microphone_and_viewers_see_the_session_ended()
    {
        await using var speakerBrowser = await Chromium.LaunchAsync(SilentMicrophone);
        var speaker = await StartedSpeakerAsync(speakerBrowser);
        var sessionId = await speaker.Session.InnerTextAsync();
        await using var viewerBrowser = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(viewerBrowser, await ShareAsync(speaker));
        var callId = await CallIdAsync(sessionId);
        await using var sideband = await Sideband.AttachAsync(host.BaseAddress, callId);
        await sideband.SayAsync("Last words before stopping.");
        await Expect(speaker.Caption("You said: Last words before stopping.")).ToHaveAttributeAsync("data-kind", "final");
        Assert.Equal(["live"], await speaker.MicrophoneTrackStatesAsync());

        await speaker.Stop.ClickAsync();

        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "ended");
        Assert.NotNull(await sideband.ClosedAsync(TimeSpan.FromSeconds(30))); // the emulator ended the call
        Assert.Equal(["ended"], await speaker.MicrophoneTrackStatesAsync());
        await Expect(viewer.SessionState).ToHaveTextAsync("Session ended");
        await Expect(viewer.Segment("You said: Last words before stopping.")).ToHaveAttributeAsync("data-kind", "final");
        var view = await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, await TokenOfAsync(speaker), $"/api/sessions/{sessionId}"));
        Assert.Equal("ended", view["state"]!.GetValue<string>());
        await Expect(speaker.Start).ToBeEnabledAsync();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_blocked_microphone_is_named_and_no_secret_is_minted()
    {
        // A fake device but no automatic grant: headless Chromium turns the permission prompt down.
        await using var chromium = await Chromium.LaunchAsync(["--use-fake-device-for-media-stream", "--deny-permission-prompts"]);
        var speaker = await SpeakerPage.OpenAsync(chromium, host.BaseAddress);
        await speaker.SignInAsync(DevTokens.NewUser());
        await speaker.Start.ClickAsync();

        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "microphone-denied");
        await Expect(speaker.Status).ToHaveTextAsync("Microphone blocked");
        await Expect(speaker.Message).ToContainTextAsync("microphone is blocked");
        await Expect(speaker.Start).ToBeEnabledAsync();
        Assert.DoesNotContain(speaker.Requests, request => request.Contains("/api/", StringComparison.Ordinal));
        Assert.Contains("POST /dev/token", speaker.Requests);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_user_over_their_budget_sees_the_429_and_when_to_retry()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        for (var i = 0; i < 10; i++) await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt)); // the dev tenant's per_minute
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var speaker = await SpeakerPage.OpenAsync(chromium, host.BaseAddress);
        await speaker.UseTokenAsync(jwt);
        await speaker.Start.ClickAsync();

        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "rate-limited");
        await Expect(speaker.Message).ToHaveTextAsync(new Regex(@"You can start again in \d+ s\.$"));
        Assert.Equal(["ended"], await speaker.MicrophoneTrackStatesAsync());
        Assert.DoesNotContain(speaker.Requests, request => request.Contains("/calls", StringComparison.Ordinal));
    }

    private async Task<SpeakerPage> StartedSpeakerAsync(Chromium chromium)
    {
        var speaker = await SpeakerPage.OpenAsync(chromium, host.BaseAddress);
        await speaker.SignInAsync(DevTokens.NewUser());
        await speaker.Start.ClickAsync();
        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "live", Slowly);
        await Expect(speaker.Session).ToHaveTextAsync(new Regex("^ses_"));
        return speaker;
    }

    /// <summary>Presses Share and answers the viewer link the page shows.</summary>
    public static async Task<string> ShareAsync(SpeakerPage speaker)
    {
        await speaker.Share.ClickAsync();
        await Expect(speaker.ShareUrl).ToHaveValueAsync(new Regex("/watch/ses_[^?]+\\?token="));
        return await speaker.ShareUrl.InputValueAsync();
    }

    private Task<string> CallIdAsync(string sessionId) => CallIdOfAsync(host, sessionId);

    /// <summary>The one call the api opened for the session (recorded on its grain).</summary>
    public static async Task<string> CallIdOfAsync(ApiHost host, string sessionId)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var callIds = await grains.GetGrain<ISessionGrain>(sessionId).GetCallIds();
        return Assert.Single(callIds);
    }

    /// <summary>The speaker's JWT, as the page keeps it.</summary>
    public static Task<string> TokenOfAsync(SpeakerPage speaker) =>
        speaker.Page.EvaluateAsync<string>("() => sessionStorage.getItem('realtime-speaker-token')");
}
