using System.Text.Json;
using Realtime.Client.Wire;

namespace Realtime.Client.Transport;

/// <summary>
/// What the publisher and the viewer need from /hubs/captions. <see cref="HubCaptionTransport"/> is the real
/// one over SignalR; tests substitute an in-memory one. Publish and Watch answer a refusal as data
/// (<see cref="PublishAnswer"/>, <see cref="WatchAnswer"/>); any exception means "not now" and the caller may retry.
/// </summary>
public interface ICaptionTransport
{
    /// <summary>A caption for any session this connection watches.</summary>
    event Action<Caption>? CaptionReceived;

    event Action<SessionStateChange>? SessionStateReceived;

    /// <summary>
    /// The connection was lost and is back. The server forgot what this connection watched (a new connection,
    /// maybe to another api node); calls that were in flight failed.
    /// </summary>
    event Action? Reconnected;

    Task<PublishAnswer> PublishAsync(string sessionId, IReadOnlyList<JsonElement> events, CancellationToken cancellationToken);

    Task<WatchAnswer> WatchAsync(string sessionId, long afterSeq, CancellationToken cancellationToken);

    Task UnwatchAsync(string sessionId, CancellationToken cancellationToken);
}
