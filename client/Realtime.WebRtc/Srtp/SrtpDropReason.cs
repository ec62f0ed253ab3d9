namespace Realtime.WebRtc.Srtp;

/// <summary>Why an SRTP or SRTCP packet was dropped; a reason the caller can count, not an exception in its receive loop.</summary>
public enum SrtpDropReason
{
    /// <summary>Not dropped.</summary>
    None,

    /// <summary>Too short or not RTP/RTCP version 2.</summary>
    Malformed,

    /// <summary>The authentication tag did not verify: tampered, or keyed differently.</summary>
    AuthenticationFailed,

    /// <summary>Its index was already received (RFC 3711 §3.3.2).</summary>
    Replayed,

    /// <summary>Its index is older than the 64-packet replay window, so a replay cannot be ruled out.</summary>
    TooOld,
}
