namespace Realtime.Benchmarks.Captions;

/// <summary>
/// The viewers of one round, <see cref="RawHubViewer"/>s connected in parallel batches, each recording every
/// <c>Caption</c> it receives. Both paths use it alike; only the hub url and the join invocation differ.
/// </summary>
public sealed class ViewerPool : IAsyncDisposable
{
    private const int ConnectBatch = 50;
    private readonly List<RawHubViewer> _viewers = [];

    public List<ViewerRecorder> Recorders { get; } = [];

    /// <param name="viewers">How many viewers to connect.</param>
    /// <param name="hubFor">The hub url of viewer i (viewers alternate between nodes).</param>
    /// <param name="jwt">The viewers' access token, or null for a hub that needs none.</param>
    /// <param name="join">The invocation that joins the session (<see cref="HubRecords.InvocationOf"/>: Watch, or the plain hub's Join).</param>
    public static async Task<ViewerPool> ConnectAsync(int viewers, Func<int, Uri> hubFor, string? jwt, byte[] join)
    {
        var pool = new ViewerPool();
        for (var first = 0; first < viewers; first += ConnectBatch)
        {
            var batch = Enumerable.Range(first, Math.Min(ConnectBatch, viewers - first)).Select(async i =>
            {
                var recorder = new ViewerRecorder();
                return (await RawHubViewer.ConnectAsync(hubFor(i), jwt, join, recorder), recorder);
            });
            foreach (var (viewer, recorder) in await Task.WhenAll(batch))
            {
                pool._viewers.Add(viewer);
                pool.Recorders.Add(recorder);
            }
        }
        return pool;
    }

    /// <summary>Waits until every viewer has <paramref name="expectedEach"/> updates or nothing arrived for a second (at most 15 s).</summary>
    public async Task DrainAsync(long expectedEach)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        long last = -1;
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var total = Recorders.Sum(r => (long)r.Count);
            if (total >= expectedEach * Recorders.Count) return;
            if (total != last) (last, quietSince) = (total, DateTime.UtcNow);
            else if (DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(1)) return;
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in _viewers.Chunk(ConnectBatch))
            await Task.WhenAll(chunk.Select(v => v.DisposeAsync().AsTask()));
    }
}
