using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Realtime.Cli.Load;

/// <summary>The figures of a load run as a table (live on a terminal, and the summary), as plain lines, or as JSON.</summary>
internal static class LoadReport
{
    public static Table Table(LoadStatistics statistics, int speakers)
    {
        var table = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in Rows(statistics, speakers)) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        return table;
    }

    public static IEnumerable<string> Lines(LoadStatistics statistics, int speakers) =>
        Rows(statistics, speakers).Select(row => $"{row.Name}: {row.Value}");

    public static JsonElement Json(LoadStatistics statistics, int speakers)
    {
        var audio = statistics.Audio;
        var latency = statistics.Latency;
        return JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["speakers"] = speakers,
            ["connected"] = statistics.Connected,
            ["finished"] = statistics.Finished,
            ["settled_turns"] = statistics.Settled,
            ["frames_sent"] = audio.FramesSent,
            ["frames_late"] = audio.FramesLate,
            ["frames_dropped"] = audio.FramesDropped,
            ["late_percent"] = Math.Round(statistics.LatePercent, 3),
            ["final_latency_ms"] = new Dictionary<string, object> { ["count"] = latency.Count, ["p50"] = latency.P50Ms, ["p99"] = latency.P99Ms, ["max"] = latency.MaxMs },
            ["errors"] = statistics.Errors,
            ["first_error"] = statistics.FirstError,
        });
    }

    private static IEnumerable<(string Name, string Value)> Rows(LoadStatistics statistics, int speakers)
    {
        var audio = statistics.Audio;
        yield return ("calls connected", $"{statistics.Connected}/{speakers}");
        yield return ("calls finished", $"{statistics.Finished}/{speakers}");
        yield return ("turns settled", statistics.Settled.ToString(CultureInfo.InvariantCulture));
        yield return ("audio frames sent", audio.FramesSent.ToString(CultureInfo.InvariantCulture));
        yield return ("late audio frames", string.Create(CultureInfo.InvariantCulture, $"{audio.FramesLate} ({statistics.LatePercent:0.###} %)"));
        yield return ("final-caption latency", statistics.Latency.ToString());
        yield return ("errors", statistics.Errors == 0 ? "0" : $"{statistics.Errors} (first: {statistics.FirstError})");
    }
}
