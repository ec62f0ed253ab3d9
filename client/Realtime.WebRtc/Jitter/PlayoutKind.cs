namespace Realtime.WebRtc.Jitter;

/// <summary>Where a played frame came from.</summary>
public enum PlayoutKind
{
    /// <summary>Still filling up to the target delay: silence.</summary>
    Buffering,

    /// <summary>Decoded from the packet due now.</summary>
    Decoded,

    /// <summary>The packet was lost or late: the codec's concealment (PLC, or FEC from the next packet).</summary>
    Concealed,

    /// <summary>Nothing to play for longer than concealment should stretch: silence.</summary>
    Silence,
}
