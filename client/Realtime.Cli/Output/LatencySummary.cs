using System.Globalization;

namespace Realtime.Cli.Output;

/// <summary>Percentiles of caption latencies (nearest rank), as the speak and load summaries print them.</summary>
internal sealed record LatencySummary(int Count, double P50Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Of(IReadOnlyCollection<TimeSpan> latencies)
    {
        if (latencies.Count == 0) return new LatencySummary(0, 0, 0, 0);
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        return new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    public override string ToString() =>
        Count == 0 ? "n/a (no spoken turn)" : string.Create(CultureInfo.InvariantCulture, $"p50 {P50Ms:0} ms, p99 {P99Ms:0} ms (n={Count})");

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
