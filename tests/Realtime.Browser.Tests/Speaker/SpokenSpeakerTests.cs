using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Browser.Tests.Infrastructure;
using Realtime.Testing.Audio;
using Realtime.Testing.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>
/// The issue's end to end, spoken: Chromium's fake microphone plays a WAV made at test time (espeak-ng + sox) into
/// the speaker page, the emulator hears its turns, transcribes and answers them, the page relays every event, and a
/// viewer page in another browser shows each final in order with its role; the transcript's WebVTT has the user's
/// cues at the WAV's turns.
/// </summary>
public sealed partial class SpokenSpeakerTests(DevApiHost host, ITestOutputHelper output) : IClassFixture<DevApiHost>, IAsyncLifetime
{
    private const int TestTimeoutMs = 240_000;
    private static readonly TimeSpan Leading = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan PrefixPadding = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(500);
    private static readonly string[] Roles = ["user", "assistant"];

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"speaker-{Guid.NewGuid():N}.wav");
    private SpokenWav _wav = null!;

    public async Task InitializeAsync() =>
        // Silence first: the call connects while the file already plays, and no turn may start before it does.
        _wav = await SpokenWav.CreateAsync(_path, ["Hello there emulator", "What is the weather like today", "Good night and thank you"],
            Leading, TimeSpan.FromSeconds(3));

    public Task DisposeAsync()
    {
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Spoken_turns_reach_a_viewer_in_order_with_their_roles_and_the_WebVTT_has_them_at_the_WAVs_times()
    {
        await using var speakerBrowser = await Chromium.LaunchAsync(FakeMicrophone.Playing(_path, loop: false));
        var speaker = await SpeakerPage.OpenAsync(speakerBrowser, host.BaseAddress);
        await speaker.SignInAsync(DevTokens.NewUser());
        await speaker.Start.ClickAsync();
        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 45_000 });
        var sessionId = await speaker.Session.InnerTextAsync();
        var heard = new ConcurrentQueue<(string Type, long Ms)>();
        await using var sideband = await Sideband.AttachAsync(host.BaseAddress, await SpeakerPageTests.CallIdOfAsync(host, sessionId));
        using var reading = new CancellationTokenSource();
        var read = sideband.ReadAsync((e, _) => NoteTiming(heard, e), reading.Token);
        await using var viewerBrowser = await Chromium.LaunchAsync();
        var viewer = await ViewerPage.OpenAsync(viewerBrowser, await SpeakerPageTests.ShareAsync(speaker));

        var turns = _wav.Turns.Count;
        var finals = viewer.Segments.And(viewer.Page.Locator("[data-kind=final]"));
        await Expect(finals).ToHaveCountAsync(2 * turns, new() { Timeout = 90_000 });
        var roles = await viewer.Segments.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.role)");
        var texts = (await viewer.Segments.Locator(".text").AllInnerTextsAsync()).ToList();
        output.WriteLine(string.Join(Environment.NewLine, roles.Zip(texts, (role, text) => $"{role}: {text}")));
        Assert.Equal(Enumerable.Range(0, turns).SelectMany(_ => Roles), roles);
        for (var i = 0; i < turns; i++)
        {
            Assert.Matches($@"^Turn {i + 1} \(\d+\.\d s\)\.$", texts[2 * i]);
            Assert.Equal($"You said: {texts[2 * i]}", texts[(2 * i) + 1]);
        }
        await speaker.Stop.ClickAsync();
        await Expect(viewer.SessionState).ToHaveTextAsync("Session ended");

        using var vtt = await SessionCalls.GetAsync(host, await SpeakerPageTests.TokenOfAsync(speaker), $"/api/sessions/{sessionId}/transcript?format=vtt");
        var cues = UserCues(await vtt.Content.ReadAsStringAsync());
        await reading.CancelAsync();
        await read.ContinueWith(_ => { }, TaskScheduler.Default);
        // The transcript keeps the emulator's timings exactly; those are where the emulator heard the WAV's turns.
        Assert.Equal(Timings(heard, "input_audio_buffer.speech_started"), cues.Select(c => (long)c.Start.TotalMilliseconds));
        Assert.Equal(Timings(heard, "input_audio_buffer.speech_stopped"), cues.Select(c => (long)c.End.TotalMilliseconds));
        Assert.Equal(turns, cues.Count);
        AssertAtTheWavsTurns(cues);
    }

    private static void NoteTiming(ConcurrentQueue<(string Type, long Ms)> heard, JsonElement e)
    {
        var type = e.GetProperty("type").GetString();
        if (type == "input_audio_buffer.speech_started") heard.Enqueue((type, e.GetProperty("audio_start_ms").GetInt64()));
        if (type == "input_audio_buffer.speech_stopped") heard.Enqueue((type, e.GetProperty("audio_end_ms").GetInt64()));
    }

    private static IEnumerable<long> Timings(ConcurrentQueue<(string Type, long Ms)> heard, string type) =>
        heard.Where(h => h.Type == type).Select(h => h.Ms);

    // The emulator's audio clock starts with the first packet it receives, a little after the file started playing:
    // that offset is measured on the first turn's end. Later turns may drift from it by a few hundred milliseconds on
    // a loaded machine: the emulator leaves out of its timeline what Chromium's sender did not send in time and
    // conceals what was lost, so the bound here is wider than the emulator's own ±150 ms against the managed client.
    private void AssertAtTheWavsTurns(List<(TimeSpan Start, TimeSpan End)> cues)
    {
        var offset = _wav.Turns[0].End - cues[0].End;
        output.WriteLine($"file offset of the emulator's clock: {offset.TotalMilliseconds:0} ms");
        var heard = cues.Select(cue => (Start: cue.Start + PrefixPadding + offset, End: cue.End + offset)).ToList();
        for (var i = 0; i < cues.Count; i++)
        {
            output.WriteLine($"turn {i + 1}: heard at {heard[i].Start.TotalMilliseconds:0}–{heard[i].End.TotalMilliseconds:0} ms of the file, " +
                $"spoken at {_wav.Turns[i].Start.TotalMilliseconds:0}–{_wav.Turns[i].End.TotalMilliseconds:0} ms");
        }
        Assert.InRange(offset, -Tolerance, Leading - PrefixPadding);
        for (var i = 0; i < cues.Count; i++)
        {
            Assert.InRange(heard[i].Start, _wav.Turns[i].Start - Tolerance, _wav.Turns[i].Start + Tolerance);
            Assert.InRange(heard[i].End, _wav.Turns[i].End - Tolerance, _wav.Turns[i].End + Tolerance);
        }
    }

    private static List<(TimeSpan Start, TimeSpan End)> UserCues(string vtt) =>
        [.. CueLine().Matches(vtt).Select(m => (Parse(m.Groups["start"].Value), Parse(m.Groups["end"].Value)))];

    private static TimeSpan Parse(string time) => TimeSpan.ParseExact(time, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<start>\d\d:\d\d:\d\d\.\d{3}) --> (?<end>\d\d:\d\d:\d\d\.\d{3})\r?\n<v user>")]
    private static partial Regex CueLine();
}
