namespace Realtime.WebRtc.Ice;

/// <summary>Demultiplexes the one UDP socket that STUN, DTLS and SRTP share (RFC 7983).</summary>
public static class PacketClassifier
{
    public static PacketKind Classify(ReadOnlySpan<byte> datagram) => datagram.IsEmpty ? PacketKind.Unknown : datagram[0] switch
    {
        <= 3 => PacketKind.Stun,
        >= 16 and <= 19 => PacketKind.Zrtp,
        >= 20 and <= 63 => PacketKind.Dtls,
        >= 64 and <= 79 => PacketKind.TurnChannel,
        >= 128 and <= 191 => PacketKind.RtpOrRtcp,
        _ => PacketKind.Unknown,
    };

    /// <summary>
    /// With rtcp-mux, tells RTCP from RTP in a <see cref="PacketKind.RtpOrRtcp"/> datagram: RTCP packet types
    /// 192–223 read as RTP payload types 64–95 once the marker bit is masked (RFC 5761 §4).
    /// </summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= 2 && Classify(datagram) == PacketKind.RtpOrRtcp && (datagram[1] & 0x7F) is >= 64 and <= 95;
}
