using Realtime.WebRtc.Rtp;

namespace Realtime.WebRtc.Media;

/// <summary>
/// getStats() for one audio transceiver: the outbound-rtp and inbound-rtp counters with the level of the most
/// recently played decoded frame (<see cref="RtpStreamStatistics"/>), the codec, what the jitter buffer played, and
/// the round-trip time from RTCP reports.
/// </summary>
public sealed record RtcAudioStats(
    string? Codec,
    int? PayloadType,
    RtpStreamStatistics Rtp,
    long FramesDecoded,
    long FramesConcealed,
    TimeSpan? RoundTripTime)
{
    internal static RtcAudioStats Empty { get; } = new(null, null, RtpStreamStatistics.Capture(null, null, 0), 0, 0, null);
}
