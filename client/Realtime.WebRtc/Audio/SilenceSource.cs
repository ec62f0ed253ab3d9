using System.Diagnostics.CodeAnalysis;

namespace Realtime.WebRtc.Audio;

/// <summary>Digital silence, endless or for a duration: a muted track still has to send frames to keep its clock.</summary>
public sealed class SilenceSource(TimeSpan? duration = null) : IAudioSource
{
    private readonly long _frames = duration is { } length ? (long)Math.Ceiling(length / PcmFrame.Duration) : long.MaxValue;
    private long _read;

    public bool TryReadFrame([NotNullWhen(true)] out PcmFrame? frame)
    {
        frame = _read++ < _frames ? PcmFrame.Silence() : null;
        return frame is not null;
    }
}
