namespace Realtime.Api.Captions;

/// <summary>Configuration section <c>Captions</c>.</summary>
public sealed class CaptionOptions
{
    public const string Section = "Captions";

    /// <summary>How long a share link's viewer token lives (POST /api/sessions/{id}/viewer-token).</summary>
    public int ViewerTokenLifetimeMinutes { get; set; } = 240;

    /// <summary>How often this node renews its subscriptions with session grains (they drop a node silent for 90 s). It also bounds how long viewers wait after the silo holding a session dies.</summary>
    public int SubscriptionRefreshSeconds { get; set; } = 10;

    /// <summary>
    /// Updates a viewer may have waiting before it counts as stuck and is disconnected (it reconnects and
    /// resumes from its last seq). Partials are coalesced first, so only finals pile up.
    /// </summary>
    public int MaxPendingPerViewer { get; set; } = 5000;

    /// <summary>
    /// Publish calls one connection may make per second, sustained (a token bucket; 0 turns the limit off). A speaker's
    /// client publishes each batch of OpenAI events as it arrives, well under this.
    /// </summary>
    public int PublishPerSecond { get; set; } = 50;

    /// <summary>Publish calls a connection may make at once above <see cref="PublishPerSecond"/> (the bucket's size).</summary>
    public int PublishBurst { get; set; } = 100;

    /// <summary>
    /// Hub connections one user (tenant and sub) may hold on this node at once; 0 turns the cap off. Counted per
    /// node, not across the cluster: behind a load balancer a user may hold this many on each node.
    /// </summary>
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// <summary>
    /// The largest hub message a client may send, in bytes. SignalR's own default (32 KiB) would refuse one
    /// transcript as long as the data channel allows (256 KiB), and JSON escaping can make its text longer still.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 2 * 1024 * 1024;
}
