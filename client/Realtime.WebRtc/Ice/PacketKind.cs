namespace Realtime.WebRtc.Ice;

/// <summary>What a datagram on the shared WebRTC socket carries, told by its first byte (RFC 7983 §7).</summary>
public enum PacketKind
{
    /// <summary>Outside every known range: drop it.</summary>
    Unknown,

    /// <summary>0–3.</summary>
    Stun,

    /// <summary>16–19.</summary>
    Zrtp,

    /// <summary>20–63.</summary>
    Dtls,

    /// <summary>64–79.</summary>
    TurnChannel,

    /// <summary>128–191.</summary>
    RtpOrRtcp,
}
