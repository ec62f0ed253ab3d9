using Realtime.WebRtc.Jitter;

namespace Realtime.WebRtc.Media;

/// <summary>What the SDP exchange settled for one audio stream pair, which is all an <see cref="AudioSession"/> needs.</summary>
internal sealed record AudioSessionOptions
{
    /// <summary>The negotiated codecs, first being the one we send.</summary>
    public required IReadOnlyList<RtcAudioCodecInfo> Codecs { get; init; }
    public required bool Sends { get; init; }
    public required bool Receives { get; init; }
    public required uint LocalSsrc { get; init; }
    public string Cname { get; init; } = "realtime";
    public JitterBufferOptions? JitterBuffer { get; init; }

    /// <summary>Wall clock for the NTP time of sender reports and round-trip time.</summary>
    public Func<DateTimeOffset> WallClock { get; init; } = () => DateTimeOffset.UtcNow;
}
