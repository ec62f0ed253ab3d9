namespace Realtime.WebRtc.Rtp;

/// <summary>
/// A snapshot of one audio stream's counters in the spirit of getStats() (outbound-rtp / inbound-rtp):
/// immutable, so a caller can read it from any thread while the stack keeps counting. <c>AudioLevel</c> is
/// the linear 0–1 level of the most recent audio, as the browser's <c>audioLevel</c>.
/// </summary>
public sealed record RtpStreamStatistics(
    long PacketsSent,
    long BytesSent,
    long PacketsReceived,
    long BytesReceived,
    long PacketsLost,
    double JitterSeconds,
    double AudioLevel)
{
    /// <summary>Reads the counters of a sender and/or receiver now.</summary>
    public static RtpStreamStatistics Capture(RtpSender? sender, RtpReceiver? receiver, double audioLevel) => new(
        sender?.PacketsSent ?? 0,
        sender?.BytesSent ?? 0,
        receiver?.PacketsReceived ?? 0,
        receiver?.BytesReceived ?? 0,
        receiver?.PacketsLost ?? 0,
        receiver?.JitterSeconds ?? 0,
        audioLevel);
}
