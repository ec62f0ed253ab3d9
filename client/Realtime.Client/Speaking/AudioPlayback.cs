namespace Realtime.Client.Speaking;

/// <summary>
/// What sending one source cost: frames sent, frames sent more than one frame (20 ms) after their real-time due
/// moment (<see cref="FramesLate"/>: the machine could not keep pace), and frames the connection would not take.
/// </summary>
public sealed record AudioPlayback(long FramesSent, long FramesLate, long FramesDropped, TimeSpan Duration)
{
    public static AudioPlayback None { get; } = new(0, 0, 0, TimeSpan.Zero);

    public AudioPlayback Add(AudioPlayback other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(FramesSent + other.FramesSent, FramesLate + other.FramesLate, FramesDropped + other.FramesDropped, Duration + other.Duration);
    }
}
