namespace Realtime.Silo.Sessions;

/// <summary>Session timings, bound from the configuration section <c>Sessions</c> by <c>AddRealtimeGrains</c>.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A live session with no publish for this long ends (and frees its owner's slot). Default 10 minutes.</summary>
    public int IdleTimeoutSeconds { get; set; } = 600;

    /// <summary>
    /// An api node's subscription to a session is dropped once not refreshed (by Watch) for longer than this. Nodes
    /// refresh every <c>Captions:SubscriptionRefreshSeconds</c> (10 s by default), so the default 90 s survives
    /// several lost refreshes.
    /// </summary>
    public int SubscriptionLifetimeSeconds { get; set; } = 90;

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    public TimeSpan SubscriptionLifetime => TimeSpan.FromSeconds(SubscriptionLifetimeSeconds);
}
