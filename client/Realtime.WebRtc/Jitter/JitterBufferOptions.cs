namespace Realtime.WebRtc.Jitter;

/// <summary>How much delay the jitter buffer trades for smoothness.</summary>
public sealed record JitterBufferOptions
{
    /// <summary>How long the first packet waits before playout starts: the slack that absorbs jitter and reordering.</summary>
    public TimeSpan TargetDelay { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>The most audio the buffer holds; beyond it the oldest frames are skipped so latency stays bounded.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Consecutive concealed frames before an empty buffer plays plain silence instead (the sender paused).</summary>
    public int MaxConcealedRun { get; init; } = 5;
}
