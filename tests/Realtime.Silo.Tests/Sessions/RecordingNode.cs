using System.Collections.Concurrent;
using Realtime.Shared.Captions;
using Realtime.Silo.Tests.Cluster;

namespace Realtime.Silo.Tests.Sessions;

/// <summary>
/// An api node as the session grain sees it: one observer (a reference created on the cluster client) that
/// records every batch it is sent. Keep the instance referenced: Orleans holds observers weakly.
/// </summary>
public sealed class RecordingNode : ICaptionObserver
{
    private readonly ConcurrentQueue<CaptionBatch> _batches = new();

    public RecordingNode(ClusterFixture fixture)
    {
        Reference = fixture.Client.CreateObjectReference<ICaptionObserver>(this);
    }

    public string Id { get; } = $"node-{Guid.NewGuid():N}";

    public ICaptionObserver Reference { get; }

    public IReadOnlyList<CaptionBatch> Batches => [.. _batches];

    public IReadOnlyList<CaptionUpdate> Updates => [.. _batches.SelectMany(b => b.Updates)];

    public Task OnCaptions(CaptionBatch batch)
    {
        _batches.Enqueue(batch);
        return Task.CompletedTask;
    }

    /// <summary>Waits until updates with all these seqs arrived (in whatever order the batches came).</summary>
    public Task ReceivedSeqs(IEnumerable<long> seqs, string because)
    {
        var expected = seqs.ToHashSet();
        return Eventually.TrueAsync(() => expected.IsSubsetOf(Updates.Select(u => u.Seq)), because);
    }

    /// <summary>Waits until a batch matching <paramref name="match"/> arrived.</summary>
    public Task Received(Func<CaptionBatch, bool> match, string because) =>
        Eventually.TrueAsync(() => _batches.Any(match), because);
}
