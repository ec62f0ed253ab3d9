using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Benchmarks.Audio;
using Realtime.Emulator;
using Realtime.Emulator.Calls;
using Realtime.Testing;
using Realtime.Testing.Audio;
using Realtime.Testing.Browser;

namespace Realtime.Benchmarks.Scenarios;

/// <summary>
/// How many concurrent audio calls one emulator process sustains: n managed clients each speak the three-turn test
/// WAV into their own call at once, and the step passes when under 1% of the emulator's answer frames went out a
/// tick or more late, every turn was heard within 150 ms of the file's boundaries and every turn was answered.
/// n doubles from 1 until a step fails. The reference is the same count of Chromium ↔ Chromium audio calls in one
/// page, passing when Chromium conceals under 1% of the samples it received. Each side first runs one untimed call,
/// so compilation is not counted.
/// </summary>
public static class EmulatorAudioScenario
{
    private const string PlatformKey = "sk-bench-audio";
    private const double LateLimit = 0.01;
    private const int MaxCalls = 64;
    private const long PrefixPaddingMs = 300;
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly Uri Origin = new("http://127.0.0.1:9/");

    public static async Task<int> RunAsync()
    {
        var wavPath = Path.Combine(Path.GetTempPath(), $"bench-audio-{Guid.NewGuid():N}.wav");
        var wav = await SpokenWav.ThreeTurnsAsync(wavPath);
        File.Delete(wavPath);
        var port = FreePort.Next();
        await using var app = BuildEmulator(port);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var registry = app.Services.GetRequiredService<RealtimeCallRegistry>();

        Console.WriteLine($"Emulator on 127.0.0.1:{port}; each call speaks {wav.Duration.TotalSeconds:F1} s ({wav.Turns.Count} turns)");
        Console.WriteLine("calls  late answer frames  worst boundary ms  answered  verdict");
        Console.WriteLine("(warm-up, not counted)");
        await ManagedStepAsync(http, registry, wav, 1);
        var managed = await HighestPassingAsync(n => ManagedStepAsync(http, registry, wav, n));

        Console.WriteLine($"Chromium ↔ Chromium audio calls in one page, {wav.Duration.TotalSeconds:F0} s each:");
        Console.WriteLine("calls  concealed samples  verdict");
        await using var chromium = await Chromium.LaunchAsync([.. Chromium.WebRtcFlags, "--autoplay-policy=no-user-gesture-required"]);
        var page = await PeerPage.OpenAsync(chromium, Origin);
        await ChromiumAudioPairs.AddToAsync(page);
        var seconds = (int)Math.Ceiling(wav.Duration.TotalSeconds);
        Console.WriteLine("(warm-up, not counted)");
        Print($"{1,5}  {await ChromiumAudioPairs.ConcealedShareAsync(page, 1, seconds),17:P2}");
        var browser = await HighestPassingAsync(async n =>
        {
            var share = await ChromiumAudioPairs.ConcealedShareAsync(page, n, seconds);
            var pass = share < LateLimit;
            Print($"{n,5}  {share,17:P2}  {(pass ? "ok" : "over")}");
            return pass;
        });

        Console.WriteLine();
        Print($"emulator sustains {managed} concurrent audio calls with < 1% late frames; Chromium ↔ Chromium in one browser sustains {browser}");
        Print($"ratio emulator/Chromium calls: {(browser == 0 ? double.NaN : (double)managed / browser):F2}");
        return 0;
    }

    /// <summary>Doubles n from 1 while steps pass; the last passing n (0 when even one call fails).</summary>
    private static async Task<int> HighestPassingAsync(Func<int, Task<bool>> step)
    {
        var best = 0;
        for (var n = 1; n <= MaxCalls && await step(n); n *= 2) best = n;
        return best;
    }

    private static async Task<bool> ManagedStepAsync(HttpClient http, RealtimeCallRegistry registry, SpokenWav wav, int n)
    {
        var before = registry.AnswerFrames;
        var callers = new List<AudioCaller>();
        try
        {
            for (var i = 0; i < n; i++) callers.Add(await AudioCaller.ConnectAsync(http, PlatformKey, Limit));
            await Task.WhenAll(callers.Select(c => c.SpeakAsync(wav.Samples)));
            var answered = await Task.WhenAll(callers.Select(AnsweredAsync));
            var after = registry.AnswerFrames;
            var played = after.Played - before.Played;
            var late = played == 0 ? 1 : (double)(after.Late - before.Late) / played;
            var worst = callers.Max(c => WorstBoundaryMs(c, wav));
            var pass = late < LateLimit && worst <= Tolerance.TotalMilliseconds && answered.All(a => a);
            Print($"{n,5}  {late,18:P2}  {worst,17:F0}  {answered.Count(a => a),4}/{n,-3}  {(pass ? "ok" : "over")}");
            return pass;
        }
        finally
        {
            foreach (var caller in callers) await caller.DisposeAsync();
        }
    }

    private static async Task<bool> AnsweredAsync(AudioCaller caller)
    {
        try
        {
            await caller.WaitForAsync("output_audio_buffer.stopped", 3, Limit);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The largest distance of a heard boundary from the file's (infinite when a turn was missed or split).</summary>
    private static double WorstBoundaryMs(AudioCaller caller, SpokenWav wav)
    {
        var heard = caller.Turns(PrefixPaddingMs);
        if (heard.Count != wav.Turns.Count) return double.PositiveInfinity;
        return heard.Zip(wav.Turns).Max(p => Math.Max(
            Math.Abs(p.First.Start - p.Second.Start.TotalMilliseconds), Math.Abs(p.First.End - p.Second.End.TotalMilliseconds)));
    }

    private static WebApplication BuildEmulator(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRealtimeEmulator(builder.Configuration);
        var app = builder.Build();
        app.UseCors();
        app.MapRealtimeEmulator();
        return app;
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
