namespace Realtime.WebRtc.Srtp;

/// <summary>The outcome of unprotecting one packet: the plain RTP/RTCP bytes, or the reason it was dropped.</summary>
public readonly record struct SrtpResult(byte[]? Packet, SrtpDropReason Reason)
{
    public bool IsAccepted => Reason == SrtpDropReason.None;

    internal static SrtpResult Accepted(byte[] packet) => new(packet, SrtpDropReason.None);

    internal static SrtpResult Dropped(SrtpDropReason reason) => new(null, reason);
}
