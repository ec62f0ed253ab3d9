namespace Realtime.Benchmarks.Captions;

/// <summary>
/// One path at one viewer count: what was published, what the viewers received, and how fast. The sorted samples
/// and the elapsed time are kept so rounds of one setup can be averaged (<see cref="Combine"/>).
/// </summary>
public sealed record CaptionRoundResult(
    string Path, int Viewers, int Batches, long Expected, long Delivered, double UpdatesPerSecond, double P50, double P99, double PublishP99)
{
    /// <summary>Every update's latency over all viewers, sorted.</summary>
    public IReadOnlyList<double> LatenciesMs { get; private init; } = [];

    /// <summary>The speaker's publish call durations, sorted.</summary>
    public IReadOnlyList<double> PublishMs { get; private init; } = [];

    /// <summary>First publish → last receipt.</summary>
    public TimeSpan Elapsed { get; private init; }

    public static CaptionRoundResult From(string path, int viewers, int batches, int updatesPerBatch,
        IReadOnlyList<ViewerRecorder> recorders, TimeSpan elapsed, List<double> publishMs)
    {
        var all = new List<double>(recorders.Sum(r => r.Count));
        foreach (var recorder in recorders) recorder.CopyTo(all);
        all.Sort();
        publishMs.Sort();
        return Create(path, viewers, batches, (long)batches * updatesPerBatch * viewers, elapsed, all, publishMs);
    }

    /// <summary>
    /// The mean of several rounds of one setup at one viewer count: summed counts over summed time, latencies and
    /// publish durations pooled.
    /// </summary>
    public static CaptionRoundResult Combine(string path, IReadOnlyList<CaptionRoundResult> rounds) => Create(path,
        rounds[0].Viewers, rounds.Sum(r => r.Batches), rounds.Sum(r => r.Expected),
        TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)),
        [.. rounds.SelectMany(r => r.LatenciesMs).Order()], [.. rounds.SelectMany(r => r.PublishMs).Order()]);

    private static CaptionRoundResult Create(string path, int viewers, int batches, long expected, TimeSpan elapsed,
        List<double> latencies, List<double> publishMs) =>
        new(path, viewers, batches, expected, latencies.Count, latencies.Count / Math.Max(elapsed.TotalSeconds, 0.001),
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), Percentile(publishMs, 0.99))
        {
            LatenciesMs = latencies,
            PublishMs = publishMs,
            Elapsed = elapsed,
        };

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
