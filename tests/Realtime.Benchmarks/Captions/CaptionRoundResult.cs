namespace Realtime.Benchmarks.Captions;

/// <summary>One path at one viewer count: what was published, what the viewers received, and how fast.</summary>
public sealed record CaptionRoundResult(
    string Path, int Viewers, int Batches, long Expected, long Delivered, double UpdatesPerSecond, double P50, double P99, double PublishP99)
{
    public static CaptionRoundResult From(string path, int viewers, int batches, int updatesPerBatch,
        IReadOnlyList<ViewerRecorder> recorders, TimeSpan elapsed, List<double> publishMs)
    {
        var all = new List<double>(recorders.Sum(r => r.Count));
        foreach (var recorder in recorders) recorder.CopyTo(all);
        all.Sort();
        publishMs.Sort();
        return new CaptionRoundResult(path, viewers, batches, (long)batches * updatesPerBatch * viewers, all.Count,
            all.Count / Math.Max(elapsed.TotalSeconds, 0.001), Percentile(all, 0.50), Percentile(all, 0.99), Percentile(publishMs, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
