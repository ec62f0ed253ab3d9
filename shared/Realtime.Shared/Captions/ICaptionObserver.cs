using Orleans.Concurrency;

namespace Realtime.Shared.Captions;

/// <summary>
/// One per api node (as in dotnet/orleans samples/GPSTracker): session grains push each batch once to every node
/// that has viewers of the session, and the node forwards it to its local SignalR connections.
/// </summary>
public interface ICaptionObserver : IGrainObserver
{
    /// <summary>One-way: a slow or dead node never holds up the session grain.</summary>
    [OneWay]
    Task OnCaptions(CaptionBatch batch);
}
