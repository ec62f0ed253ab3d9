namespace Realtime.WebRtc.Sctp;

/// <summary>
/// One DATA chunk on the sending side and its transmission bookkeeping. Its TSN is assigned when it is first
/// sent, so queued data never holds TSNs that congestion control has not released yet.
/// </summary>
internal sealed class OutboundFragment(DataChunk chunk, OutboundMessage message)
{
    public DataChunk Chunk { get; } = chunk;
    public OutboundMessage Message { get; } = message;
    public long Tsn { get; set; }
    public TimeSpan SentAt { get; set; }
    public int Transmissions { get; set; }

    /// <summary>Acknowledged by a gap block (or cumulatively, just before removal).</summary>
    public bool Acked { get; set; }

    /// <summary>Waiting to be sent again; while set it does not count towards the flight size.</summary>
    public bool Retransmit { get; set; }

    public bool FastRetransmitted { get; set; }
    public int MissIndications { get; set; }

    public int Size => Chunk.Payload.Length;

    /// <summary>Counts towards the flight size: sent, and neither acknowledged, abandoned nor queued for resending.</summary>
    public bool InFlight => !Acked && !Retransmit && !Message.Abandoned;
}
