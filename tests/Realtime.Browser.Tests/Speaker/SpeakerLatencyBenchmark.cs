using System.Collections.Concurrent;
using System.Text.Json;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Browser.Tests.Infrastructure;
using Realtime.Testing.Audio;
using Realtime.Testing.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>
/// The benchmark: 30 spoken turns from Chromium's fake microphone through /speak, each turn's end to its final
/// caption on a viewer page in another browser, against the emulator's own delay (speech_stopped to transcription
/// completed) measured in the same run on the call's sideband. What the product adds is the time from the
/// emulator sending completed to the viewer showing it. Opt-in: <c>REALTIME_BENCHMARKS=1</c>.
/// </summary>
public sealed class SpeakerLatencyBenchmark(DevApiHost host, ITestOutputHelper output) : IClassFixture<DevApiHost>, IAsyncLifetime
{
    private const int Turns = 30;
    private const string Stopped = "input_audio_buffer.speech_stopped";
    private const string Completed = "conversation.item.input_audio_transcription.completed";

    // Silence before the first turn: time enough for the call to connect and the viewer page to open and watch.
    private static readonly TimeSpan Leading = TimeSpan.FromSeconds(10);

    // server_vad's default silence_duration_ms: speech_stopped is sent this long after the turn's last sound.
    private static readonly TimeSpan VadSilence = TimeSpan.FromMilliseconds(500);
    private static readonly string[] Phrases = ["Hello there", "The weather is fine today", "Please write this down",
        "We meet again on Monday", "Thank you very much"];

    // Records when each caption of the viewer page settled, on the page's own clock (the machine's wall clock).
    private const string RecordFinals = """
        window.__finals = new Map();
        document.addEventListener('DOMContentLoaded', () => {
          const list = document.getElementById('captions');
          new MutationObserver(() => {
            for (const item of list.children) {
              if (item.dataset.kind !== 'final' || window.__finals.has(item.dataset.segmentId)) continue;
              window.__finals.set(item.dataset.segmentId, { text: item.querySelector('.text').textContent, at: performance.timeOrigin + performance.now() });
            }
          }).observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
        });
        """;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"speaker-bench-{Guid.NewGuid():N}.wav");
    private SpokenWav _wav = null!;

    public async Task InitializeAsync() =>
        _wav = await SpokenWav.CreateAsync(_path, [.. Enumerable.Range(0, Turns).Select(i => Phrases[i % Phrases.Length])],
            Leading, TimeSpan.FromSeconds(1.5));

    public Task DisposeAsync()
    {
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [BenchmarkFact(Timeout = 600_000)]
    public async Task Turn_end_to_final_caption_on_a_viewer_against_the_emulators_own_delay()
    {
        await using var speakerBrowser = await Chromium.LaunchAsync(FakeMicrophone.Playing(_path, loop: false));
        var speaker = await SpeakerPage.OpenAsync(speakerBrowser, host.BaseAddress);
        await speaker.SignInAsync(DevTokens.NewUser());
        await speaker.Page.GetByLabel("Session", new() { Exact = true }).SelectOptionAsync("transcription"); // no answers: no barge-in
        await speaker.Start.ClickAsync();
        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 45_000 });
        var sessionId = await speaker.Session.InnerTextAsync();

        var emulator = new ConcurrentDictionary<string, (DateTimeOffset? Stopped, DateTimeOffset? Completed, string? Text)>();
        await using var sideband = await Sideband.AttachAsync(host.BaseAddress, await SpeakerPageTests.CallIdOfAsync(host, sessionId));
        using var reading = new CancellationTokenSource();
        var read = sideband.ReadAsync((e, at) => Note(emulator, e, at), reading.Token);
        await using var viewerBrowser = await Chromium.LaunchAsync();
        await (await viewerBrowser.FirstTabAsync()).AddInitScriptAsync(RecordFinals);
        var viewer = await ViewerPage.OpenAsync(viewerBrowser, await SpeakerPageTests.ShareAsync(speaker));

        var finals = viewer.Segments.And(viewer.Page.Locator("[data-kind=final]"));
        await Expect(finals).ToHaveCountAsync(Turns, new() { Timeout = (float)(_wav.Duration + TimeSpan.FromSeconds(60)).TotalMilliseconds });
        var shown = await viewer.Page.EvaluateAsync<JsonElement>("() => [...window.__finals.values()]");
        await speaker.Stop.ClickAsync();
        await reading.CancelAsync();
        await read.ContinueWith(_ => { }, TaskScheduler.Default);

        var turns = Measure(emulator, shown);
        output.WriteLine("turn: emulator / product / turn end → viewer (ms)");
        foreach (var (turn, i) in turns.Select((t, i) => (t, i + 1)))
            output.WriteLine($"{i}: {turn.EmulatorDelay.TotalMilliseconds:0} / {turn.ProductDelay.TotalMilliseconds:0} / {turn.EndToViewer.TotalMilliseconds:0}");
        Assert.Equal(Turns, turns.Count);
        Report("emulator: speech_stopped → transcription completed", turns.Select(t => t.EmulatorDelay));
        Report("product: completed sent → final on the viewer page", turns.Select(t => t.ProductDelay));
        Report("turn end (speech_stopped − 500 ms) → final on the viewer page", turns.Select(t => t.EndToViewer));
    }

    private static void Note(ConcurrentDictionary<string, (DateTimeOffset? Stopped, DateTimeOffset? Completed, string? Text)> emulator, JsonElement e, DateTimeOffset at)
    {
        var type = e.GetProperty("type").GetString();
        if (type is not (Stopped or Completed)) return;
        var item = e.GetProperty("item_id").GetString()!;
        emulator.AddOrUpdate(item,
            _ => type == Stopped ? (at, null, null) : (null, at, e.GetProperty("transcript").GetString()),
            (_, seen) => type == Stopped ? seen with { Stopped = at } : seen with { Completed = at, Text = e.GetProperty("transcript").GetString() });
    }

    private static List<(TimeSpan EmulatorDelay, TimeSpan ProductDelay, TimeSpan EndToViewer)> Measure(
        ConcurrentDictionary<string, (DateTimeOffset? Stopped, DateTimeOffset? Completed, string? Text)> emulator, JsonElement shown)
    {
        var viewerAt = shown.EnumerateArray().ToDictionary(f => f.GetProperty("text").GetString()!,
            f => DateTimeOffset.FromUnixTimeMilliseconds(0).AddMilliseconds(f.GetProperty("at").GetDouble()));
        return [.. emulator.Values
            .OrderBy(t => t.Stopped)
            .Where(t => t is { Stopped: not null, Completed: not null, Text: not null } && viewerAt.ContainsKey(t.Text))
            .Select(t => (t.Completed!.Value - t.Stopped!.Value, viewerAt[t.Text!] - t.Completed.Value, viewerAt[t.Text!] - (t.Stopped.Value - VadSilence)))];
    }

    private void Report(string what, IEnumerable<TimeSpan> delays)
    {
        var ms = delays.Select(d => d.TotalMilliseconds).Order().ToArray();
        output.WriteLine($"{what}: p50 {Percentile(ms, 0.50):0} ms, p99 {Percentile(ms, 0.99):0} ms, max {ms[^1]:0} ms over {ms.Length} turns");
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
