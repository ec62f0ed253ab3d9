namespace Realtime.WebRtc.Rtp;

/// <summary>RTCP packet types this stack reads and writes (RFC 3550 §12.1); others in a compound packet are skipped.</summary>
public enum RtcpPacketType : byte
{
    SenderReport = 200,
    ReceiverReport = 201,
    SourceDescription = 202,
    Goodbye = 203,
}
