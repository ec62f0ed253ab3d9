using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Browser.Tests.Infrastructure;
using Realtime.Testing.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Realtime.Browser.Tests;

/// <summary>
/// The viewer page in headless Chromium against the real api: a speaker publishes OpenAI events through the
/// .NET SignalR client and the page shows them live, survives losing its connection, and catches up late.
/// </summary>
public sealed class ViewerPageTests(DevApiHost host, ITestOutputHelper output) : IClassFixture<DevApiHost>
{
    private const int TestTimeoutMs = 120_000;

    static ViewerPageTests() => SetDefaultExpectTimeout(15_000);

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_caption_published_after_the_page_opened_appears_live_partial_then_final()
    {
        var (ownerJwt, sessionId) = await SessionCalls.MintAsync(host);
        var (viewerToken, watchUrl) = await ShareAsync(ownerJwt, sessionId);
        await using var chromium = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(chromium, watchUrl);
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "connected");
        await Expect(viewer.SessionState).ToHaveTextAsync("Waiting for the speaker");

        await using var speaker = await CaptionClient.ConnectAsync(host, ownerJwt);
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserDelta("item_u1", "Good morning, every"));
        var greeting = viewer.Segment("Good morning, every");
        await Expect(greeting).ToHaveAttributeAsync("data-kind", "partial");
        await Expect(greeting).ToHaveAttributeAsync("data-role", "user");
        Assert.Equal("italic", await ViewerPage.FontStyleAsync(greeting));
        await Expect(viewer.SessionState).ToHaveTextAsync("Live");

        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_u1", "Good morning, everyone."));
        await Expect(greeting.Locator(".text")).ToHaveTextAsync("Good morning, everyone.");
        await Expect(greeting).ToHaveAttributeAsync("data-kind", "final");
        Assert.Equal("normal", await ViewerPage.FontStyleAsync(greeting));

        await speaker.PublishAsync(sessionId,
            OpenAIEvents.AssistantDelta("item_a1", "Good morning! Today we look at "),
            OpenAIEvents.AssistantDone("item_a1", "Good morning! Today we look at live captions across a cluster."),
            OpenAIEvents.UserDelta("item_u2", "Can you hear"),
            TranscriptionFailed("item_u2"),
            OpenAIEvents.UserDelta("item_u3", "Let's start with how the"));
        await Expect(viewer.Segment("live captions across a cluster")).ToHaveAttributeAsync("data-role", "assistant");
        await Expect(viewer.Segment("Can you hear")).ToHaveAttributeAsync("data-kind", "failed");
        await Expect(viewer.Segment("Can you hear").Locator(".flag")).ToBeVisibleAsync();
        await Expect(viewer.Segment("Let's start with how the")).ToHaveAttributeAsync("data-kind", "partial");
        await Expect(viewer.Segments).ToHaveCountAsync(4);

        var screenshot = Path.Combine(Path.GetTempPath(), $"realtime-viewer-{sessionId}.png");
        await viewer.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        output.WriteLine($"screenshot: {screenshot}");

        // The token left the address bar and is nowhere on the page; everything came from the api, over a WebSocket.
        Assert.DoesNotContain("token=", viewer.Page.Url);
        Assert.DoesNotContain(viewerToken, await viewer.Page.ContentAsync());
        Assert.Contains(viewer.WebSockets, url => url.Contains("/hubs/captions", StringComparison.Ordinal));
        Assert.True(viewer.Problems.IsEmpty, string.Join(Environment.NewLine, viewer.Problems));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Diarized_speakers_are_shown_and_a_late_user_turn_is_placed_before_the_reply_to_it()
    {
        var (ownerJwt, sessionId) = await SessionCalls.MintAsync(host);
        var (_, watchUrl) = await ShareAsync(ownerJwt, sessionId);
        await using var chromium = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(chromium, watchUrl);
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "connected");
        await using var speaker = await CaptionClient.ConnectAsync(host, ownerJwt);

        // The reply's transcript arrives before the user turn's transcription, as it can on OpenAI.
        await speaker.PublishAsync(sessionId, OpenAIEvents.Committed("item_u1", null), OpenAIEvents.AssistantDone("item_a1", "Welcome, both of you."));
        await Expect(viewer.Segment("Welcome, both of you.")).ToHaveAttributeAsync("data-role", "assistant");
        await speaker.PublishAsync(sessionId,
            OpenAIEvents.Diarized("item_u1", "seg_1", "Ann", "Hello from Ann.", 0, 1.2),
            OpenAIEvents.Diarized("item_u1", "seg_2", "Bob", "And Bob here.", 1.4, 2.1));

        var ann = viewer.Segment("Hello from Ann.");
        await Expect(ann).ToHaveAttributeAsync("data-speaker", "Ann");
        await Expect(ann.Locator(".who-name")).ToHaveTextAsync("Ann");
        await Expect(viewer.Segment("And Bob here.").Locator(".who-name")).ToHaveTextAsync("Bob");
        await Expect(viewer.Segments.Locator(".text")).ToHaveTextAsync(["Hello from Ann.", "And Bob here.", "Welcome, both of you."]);
        Assert.True(viewer.Problems.IsEmpty, string.Join(Environment.NewLine, viewer.Problems));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_page_that_lost_its_connection_comes_back_with_what_was_said_meanwhile_and_no_repeat()
    {
        var (ownerJwt, sessionId) = await SessionCalls.MintAsync(host);
        var (_, watchUrl) = await ShareAsync(ownerJwt, sessionId);
        await using var chromium = await Chromium.LaunchAsync();
        // The hub's WebSocket goes through Playwright, so the test can cut it the way a dropped network does.
        var sockets = new SocketCutter();
        await chromium.Context.RouteWebSocketAsync(new Regex("/hubs/captions"), sockets.Relay);
        var viewer = await ViewerPage.OpenAsync(chromium, watchUrl);
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "connected");
        await using var speaker = await CaptionClient.ConnectAsync(host, ownerJwt);
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_1", "Said before the outage."));
        await Expect(viewer.Segment("Said before the outage.")).ToHaveAttributeAsync("data-kind", "final");

        // Offline keeps every reconnect attempt (negotiate, other transports) from getting through meanwhile.
        await chromium.Context.SetOfflineAsync(true);
        await sockets.CutAsync();
        await Expect(viewer.Connection).Not.ToHaveAttributeAsync("data-status", "connected");
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_2", "Said while the viewer was away."));
        await chromium.Context.SetOfflineAsync(false);

        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "connected", new() { Timeout = 45_000 });
        await Expect(viewer.Segment("Said while the viewer was away.")).ToHaveAttributeAsync("data-kind", "final");
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserDelta("item_3", "And after it"));
        await Expect(viewer.Segment("And after it")).ToHaveAttributeAsync("data-kind", "partial");
        await Expect(viewer.Segments).ToHaveTextAsync([new Regex("before the outage"), new Regex("while the viewer was away"), new Regex("And after it")]);
        Assert.True(sockets.Opened >= 2, $"the page should have opened a second WebSocket, opened {sockets.Opened}");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task The_history_follows_new_captions_until_the_viewer_scrolls_up()
    {
        var (ownerJwt, sessionId) = await SessionCalls.MintAsync(host);
        var (_, watchUrl) = await ShareAsync(ownerJwt, sessionId);
        await using var chromium = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(chromium, watchUrl);
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "connected");
        await using var speaker = await CaptionClient.ConnectAsync(host, ownerJwt);
        await speaker.PublishAsync(sessionId, Enumerable.Range(1, 20)
            .Select(i => OpenAIEvents.UserCompleted($"item_{i}", $"Sentence number {i} of a long talk.")).ToArray());
        await Expect(viewer.Segments).ToHaveCountAsync(20);
        Assert.True(await AtBottomAsync(viewer), "a viewer who has not scrolled follows the newest caption");

        await viewer.History.HoverAsync();
        await viewer.Page.Mouse.WheelAsync(0, -5000);
        await Expect(viewer.Page.Locator("#history")).ToHaveJSPropertyAsync("scrollTop", 0);
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_21", "Said while the viewer reads back."));
        await Expect(viewer.Segments).ToHaveCountAsync(21);
        await Expect(viewer.Page.Locator("#jump")).ToBeVisibleAsync();
        Assert.Equal(0, await viewer.History.EvaluateAsync<double>("element => element.scrollTop"));

        await viewer.Page.Locator("#jump").ClickAsync();
        await Expect(viewer.Page.Locator("#jump")).ToBeHiddenAsync();
        Assert.True(await AtBottomAsync(viewer), "the jump button goes back to following");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_late_viewer_sees_the_history_and_a_reload_keeps_working_without_the_token_in_the_address()
    {
        var (ownerJwt, sessionId) = await SessionCalls.MintAsync(host);
        await using var speaker = await CaptionClient.ConnectAsync(host, ownerJwt);
        await speaker.PublishAsync(sessionId,
            OpenAIEvents.UserDelta("item_1", "First"),
            OpenAIEvents.UserCompleted("item_1", "First words."),
            OpenAIEvents.AssistantDone("item_2", "A reply."));
        var (_, watchUrl) = await ShareAsync(ownerJwt, sessionId);
        await using var chromium = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(chromium, watchUrl);
        await Expect(viewer.Segments).ToHaveTextAsync([new Regex("First words\\."), new Regex("A reply\\.")]);
        await Expect(viewer.SessionState).ToHaveTextAsync("Live");

        await viewer.Page.ReloadAsync();
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "connected");
        await Expect(viewer.Segments).ToHaveTextAsync([new Regex("First words\\."), new Regex("A reply\\.")]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_link_with_a_bad_token_says_so_instead_of_retrying_forever()
    {
        var (_, sessionId) = await SessionCalls.MintAsync(host);
        await using var chromium = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(chromium, new Uri(host.BaseAddress, $"/watch/{sessionId}?token=not-a-jwt").ToString());
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "unauthorized");
        await Expect(viewer.Page.Locator("#empty")).ToContainTextAsync("not valid");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_link_whose_token_is_for_another_session_shows_the_not_visible_refusal_and_stops()
    {
        var (ownerJwt, sessionId) = await SessionCalls.MintAsync(host);
        var (_, otherSession) = await SessionCalls.MintAsync(host);
        var (token, _) = await ShareAsync(ownerJwt, sessionId);
        await using var chromium = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(chromium, new Uri(host.BaseAddress, $"/watch/{otherSession}?token={token}").ToString());
        await Expect(viewer.Connection).ToHaveAttributeAsync("data-status", "unauthorized");
        await Expect(viewer.Page.Locator("#empty")).ToContainTextAsync($"No session '{otherSession}' is visible to this token.");
        await Expect(viewer.Segments).ToHaveCountAsync(0);
    }

    private async Task<(string Token, string WatchUrl)> ShareAsync(string ownerJwt, string sessionId)
    {
        var share = await HttpAssert.OkAsync(await SessionCalls.PostAsync(host, ownerJwt, $"/api/sessions/{sessionId}/viewer-token"));
        var watchUrl = share["watch_url"]!.GetValue<string>();
        Assert.StartsWith(new Uri(host.BaseAddress, $"/watch/{sessionId}?token=").ToString(), watchUrl);
        return (share["token"]!.GetValue<string>(), watchUrl);
    }

    private static Task<bool> AtBottomAsync(ViewerPage viewer) =>
        viewer.History.EvaluateAsync<bool>("element => element.scrollHeight - element.scrollTop - element.clientHeight < 2");

    private static JsonObject TranscriptionFailed(string itemId) => new()
    {
        ["type"] = "conversation.item.input_audio_transcription.failed",
        ["event_id"] = $"event_failed_{itemId}_{Guid.NewGuid():N}",
        ["item_id"] = itemId,
        ["content_index"] = 0,
        ["error"] = new JsonObject { ["type"] = "transcription_error", ["code"] = "audio_unintelligible", ["message"] = "Audio was unintelligible." },
    };
}
