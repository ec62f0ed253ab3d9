using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Realtime.Cli.Help;
using Realtime.Cli.Output;
using Realtime.Cli.Settings;
using Realtime.Cli.Speaking;
using Spectre.Console;

namespace Realtime.Cli.Load;

/// <summary>
/// <c>realtime load</c>: N concurrent speakers for a while, with a live table on a terminal and a summary at the
/// end (plain lines, or JSON with <c>--json</c>); exits 1 when any speaker failed.
/// </summary>
internal static class LoadCommand
{
    public static Command Create(CliConsole console)
    {
        var speakers = new Option<int>("--speakers", "-n") { Description = "Concurrent speakers, each in its own session", DefaultValueFactory = _ => 1 };
        speakers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000) result.AddError("--speakers must be 1–1000.");
        });
        var file = SpeakerSetup.FileOption();
        var duration = new Option<TimeSpan>("--for") { Description = "How long to speak (90, 90s, 2m); each speaker repeats the file", DefaultValueFactory = _ => TimeSpan.FromSeconds(60), CustomParser = ParseDuration };
        var type = SpeakerSetup.TypeOption();
        var settle = SpeakerSetup.SettleOption();
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new CliCommand("load", "Run N concurrent speakers: connected calls, late audio frames, final-caption latency p50/p99 and errors.",
            "realtime load --speakers 20 --file talk.wav --for 60s",
            "realtime load -n 5 --file talk.wav --for 10s --json | jq .final_latency_ms")
        {
            speakers, file, duration, type, settle, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var samples = SpeakerSetup.ReadWav(parsed.GetRequiredValue(file));
            var count = parsed.GetValue(speakers);
            var run = new LoadRun(new CliSettings(parsed), parsed.GetRequiredValue(type), samples, parsed.GetValue(duration), parsed.GetValue(settle));
            await ShowWhileAsync(console, run.RunAsync(count, cancellationToken), run.Statistics, count);
            cancellationToken.ThrowIfCancellationRequested();
            if (parsed.GetValue(json)) console.Json(LoadReport.Json(run.Statistics, count), indented: false);
            else if (console.IsInteractive) console.Results.Write(LoadReport.Table(run.Statistics, count));
            else foreach (var line in LoadReport.Lines(run.Statistics, count)) console.Line(line);
            if (run.Statistics.Errors == 0) return 0;
            console.Fail($"{run.Statistics.Errors} error(s); first: {run.Statistics.FirstError}");
            return 1;
        });
        return command;
    }

    /// <summary>On a terminal, a table of the figures refreshed twice a second while the run goes on.</summary>
    private static async Task ShowWhileAsync(CliConsole console, Task running, LoadStatistics statistics, int speakers)
    {
        if (!console.IsInteractive)
        {
            await running;
            return;
        }
        await console.Results.Live(LoadReport.Table(statistics, speakers)).AutoClear(true).StartAsync(async live =>
        {
            while (await Task.WhenAny(running, Task.Delay(500)) != running) live.UpdateTarget(LoadReport.Table(statistics, speakers));
        });
        await running;
    }

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        var (number, unit) = text.EndsWith('m') ? (text[..^1], 60) : text.EndsWith('s') ? (text[..^1], 1) : (text, 1);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * unit <= 24 * 3600)
            return TimeSpan.FromSeconds(value * unit);
        result.AddError($"--for must be a duration such as 90, 90s or 2m, not '{text}'.");
        return TimeSpan.Zero;
    }
}
