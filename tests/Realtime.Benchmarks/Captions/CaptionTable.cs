using System.Globalization;
using System.Text;

namespace Realtime.Benchmarks.Captions;

/// <summary>Prints caption rounds as a table, then the Orleans p99 and the Orleans/plain ratio against their targets (p99 ≤ 50 ms, ratio ≥ 0.5).</summary>
public static class CaptionTable
{
    private static readonly CompositeFormat Row = CompositeFormat.Parse("{0,-8} {1,7} {2,8} {3,10} {4,10} {5,10} {6,8} {7,8} {8,11}");

    public static void PrintHeader() => Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row,
        "path", "viewers", "batches", "expected", "delivered", "updates/s", "p50 ms", "p99 ms", "publish p99"));

    public static void PrintRow(CaptionRoundResult r) => Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row,
        r.Path, r.Viewers, r.Batches, r.Expected, r.Delivered, r.UpdatesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
        r.P50.ToString("F2", CultureInfo.InvariantCulture), r.P99.ToString("F2", CultureInfo.InvariantCulture),
        r.PublishP99.ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>Prints the verdicts and answers whether both targets hold.</summary>
    public static bool PrintVerdicts(IReadOnlyList<CaptionRoundResult> results, int maxViewers)
    {
        var pass = true;
        var orleansTop = results.Single(r => r.Path == "orleans" && r.Viewers == maxViewers);
        var latencyOk = orleansTop.P99 <= 50;
        pass &= latencyOk;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orleans p99 at {maxViewers} viewers: {orleansTop.P99:F2} ms (target <= 50) {(latencyOk ? "PASS" : "ABOVE")}"));
        foreach (var orleans in results.Where(r => r.Path == "orleans"))
        {
            var plain = results.Single(r => r.Path == "plain" && r.Viewers == orleans.Viewers);
            var ratio = orleans.UpdatesPerSecond / plain.UpdatesPerSecond;
            pass &= ratio >= 0.5;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio orleans/plain delivered updates/s at {orleans.Viewers} viewers: {ratio:F2} (target >= 0.5) {(ratio >= 0.5 ? "PASS" : "BELOW")}"));
        }
        return pass;
    }
}
