namespace Realtime.Benchmarks.Load;

/// <summary>
/// One measured run: 200 answers and their latencies, every other answer (or failure) counted by kind.
/// Throughput counts 200 answers only, so a server that fails fast never looks fast. Latencies are sorted.
/// <see cref="Cost"/> is the process's garbage-collector figures over the run.
/// </summary>
public sealed record LoadResult(TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyDictionary<string, int> Errors, ProcessCost Cost)
{
    public int Ok => LatenciesMs.Length;

    public int ErrorCount => Errors.Values.Sum();

    public double RequestsPerSecond => Ok / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>Bytes the process allocated per request sent (answered or not), clients included.</summary>
    public double AllocatedBytesPerRequest => Ok + ErrorCount == 0 ? double.NaN : (double)Cost.AllocatedBytes / (Ok + ErrorCount);

    /// <summary>Runs that went on at the same time (e.g. one per api node): counts add up over the longest run's time.</summary>
    public static LoadResult Concurrent(IReadOnlyList<LoadResult> runs)
    {
        var errors = runs.SelectMany(r => r.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new LoadResult(runs.Max(r => r.Elapsed), [.. runs.SelectMany(r => r.LatenciesMs).Order()], errors,
            runs.Select(r => r.Cost).Aggregate(ProcessCost.Max));
    }

    private double Percentile(double p)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var index = (int)Math.Ceiling(p * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Length - 1)];
    }
}
