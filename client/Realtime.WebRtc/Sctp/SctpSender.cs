namespace Realtime.WebRtc.Sctp;

/// <summary>
/// The sending half of an association (RFC 9260 §6–7): fragmentation, TSN assignment, SACK processing,
/// the T3-rtx timer, fast retransmit after three miss indications, and the cwnd/ssthresh/receiver-window
/// rules that pace new data. Partial reliability (RFC 3758) abandons messages and advances the peer's
/// cumulative TSN with FORWARD-TSN.
/// </summary>
internal sealed class SctpSender
{
    private readonly SctpOptions options;
    private readonly RtoEstimator rto;
    private readonly LinkedList<OutboundFragment> pending = new();
    private readonly List<OutboundFragment> inflight = []; // Consecutive TSNs from CumulativeAck + 1.
    private readonly Dictionary<ushort, ushort> nextSsn = [];
    private readonly Dictionary<ushort, long> unsentBytes = [];
    private long nextTsn;
    private long partialBytesAcked;
    private long? fastRecoveryExit;
    private bool fastRetransmitDue;
    private long forwardTsnPoint;

    public SctpSender(SctpOptions options, RtoEstimator rto, uint initialTsn)
    {
        this.options = options;
        this.rto = rto;
        nextTsn = initialTsn;
        CumulativeAck = nextTsn - 1;
        forwardTsnPoint = CumulativeAck;
        Cwnd = Math.Min(4 * options.Mtu, Math.Max(2 * options.Mtu, 4380));
        Ssthresh = options.ReceiveWindow;
        PeerReceiveWindow = options.ReceiveWindow;
    }

    public long CumulativeAck { get; private set; }
    public long Cwnd { get; private set; }
    public long Ssthresh { get; private set; }
    public long FlightSize { get; private set; }
    public long PeerReceiveWindow { get; private set; }
    public bool PeerSupportsForwardTsn { get; set; }
    public TimeSpan? T3Deadline { get; private set; }

    public bool IsIdle => pending.Count == 0 && inflight.Count == 0;
    public long LastAssignedTsn => nextTsn - 1;

    private int MaxFragment => options.Mtu - SctpPacket.HeaderLength - SctpChunk.HeaderLength - DataChunk.FixedLength;

    /// <summary>The peer's initial receiver window, from its INIT or INIT-ACK.</summary>
    public void SetPeerWindow(uint window) => PeerReceiveWindow = window;

    public void Enqueue(ushort streamId, uint ppid, ReadOnlySpan<byte> payload, SctpSendOptions send, TimeSpan now)
    {
        ushort ssn = send.Unordered ? (ushort)0 : NextSsn(streamId);
        var message = new OutboundMessage(streamId, send, send.Lifetime is { } life ? now + life : null);
        int offset = 0;
        do
        {
            int length = Math.Min(MaxFragment, payload.Length - offset);
            var chunk = new DataChunk(0, streamId, ssn, ppid, payload.Slice(offset, length).ToArray(),
                offset == 0, offset + length == payload.Length, send.Unordered);
            pending.AddLast(new OutboundFragment(chunk, message));
            offset += length;
        }
        while (offset < payload.Length);
        unsentBytes[streamId] = UnsentBytes(streamId) + payload.Length;
    }

    public long UnsentBytes(ushort streamId) => unsentBytes.GetValueOrDefault(streamId);

    public bool HasUnsentFor(IReadOnlyCollection<ushort> streamIds) => streamIds.Any(id => UnsentBytes(id) > 0);

    /// <summary>After an outgoing stream reset the stream's SSNs start again at 0 (RFC 6525 §5.1.2).</summary>
    public void ResetSsn(ushort streamId) => nextSsn.Remove(streamId);

    private ushort NextSsn(ushort streamId)
    {
        ushort ssn = nextSsn.GetValueOrDefault(streamId);
        nextSsn[streamId] = (ushort)(ssn + 1);
        return ssn;
    }

    /// <summary>Processes a SACK; returns true when the cumulative TSN advanced (the peer is alive and making progress).</summary>
    public bool HandleSack(SackChunk sack, TimeSpan now)
    {
        long cumulative = CumulativeAck + (int)(sack.CumulativeTsnAck - (uint)CumulativeAck);
        if (cumulative < CumulativeAck || cumulative >= nextTsn)
        {
            return false; // Stale (reordered) SACK, or one acknowledging TSNs never sent.
        }
        long flightBefore = FlightSize;
        bool advanced = cumulative > CumulativeAck;
        long acked = AckCumulative(cumulative, now, out long highestNewlyAcked);
        acked += AckGapBlocks(sack.GapBlocks, now, ref highestNewlyAcked);
        CountMisses(highestNewlyAcked);
        if (advanced)
        {
            GrowWindow(acked, flightBefore);
        }
        PeerReceiveWindow = Math.Max(0, sack.AdvertisedReceiverWindow - FlightSize);
        RestartT3(now, advanced);
        return advanced;
    }

    /// <summary>SHUTDOWN carries a cumulative TSN ack but no gap blocks (RFC 9260 §9.2).</summary>
    public void HandleCumulativeAck(uint cumulativeTsn, TimeSpan now) =>
        HandleSack(new SackChunk(cumulativeTsn, (uint)Math.Min(uint.MaxValue, PeerReceiveWindow + FlightSize), [], []), now);

    private long AckCumulative(long cumulative, TimeSpan now, out long highestNewlyAcked)
    {
        highestNewlyAcked = cumulative > CumulativeAck ? cumulative : long.MinValue;
        long acked = 0;
        int count = (int)(cumulative - CumulativeAck);
        for (int i = 0; i < count; i++)
        {
            acked += Acknowledge(inflight[i], now);
        }
        inflight.RemoveRange(0, count);
        CumulativeAck = cumulative;
        forwardTsnPoint = Math.Max(forwardTsnPoint, cumulative);
        if (fastRecoveryExit is { } exit && cumulative >= exit)
        {
            fastRecoveryExit = null;
        }
        return acked;
    }

    private long AckGapBlocks(List<(ushort Start, ushort End)> blocks, TimeSpan now, ref long highestNewlyAcked)
    {
        long acked = 0;
        foreach (var (start, end) in blocks)
        {
            for (long tsn = CumulativeAck + start; tsn <= CumulativeAck + end; tsn++)
            {
                int index = (int)(tsn - CumulativeAck - 1);
                if (index < 0 || index >= inflight.Count || inflight[index].Acked)
                {
                    continue;
                }
                acked += Acknowledge(inflight[index], now);
                highestNewlyAcked = Math.Max(highestNewlyAcked, tsn);
            }
        }
        return acked;
    }

    /// <summary>Marks one fragment acknowledged and returns the bytes it newly acknowledged.</summary>
    private long Acknowledge(OutboundFragment fragment, TimeSpan now)
    {
        if (fragment.Acked)
        {
            return 0;
        }
        bool counted = fragment.InFlight;
        fragment.Acked = true;
        fragment.Retransmit = false;
        if (fragment.Message.Abandoned)
        {
            return 0;
        }
        if (counted)
        {
            FlightSize -= fragment.Size;
        }
        // Karn's rule: only never-retransmitted chunks give unambiguous RTT samples.
        if (fragment.Transmissions == 1)
        {
            rto.Measure(now - fragment.SentAt);
        }
        return fragment.Size;
    }

    /// <summary>
    /// Every unacknowledged TSN below the highest newly acknowledged one was skipped by the receiver; on the
    /// third such report it is fast-retransmitted (RFC 9260 §7.2.4), at most once per TSN.
    /// </summary>
    private void CountMisses(long highestNewlyAcked)
    {
        foreach (OutboundFragment fragment in inflight)
        {
            if (fragment.Tsn >= highestNewlyAcked)
            {
                break;
            }
            if (fragment.Acked || fragment.FastRetransmitted || fragment.Message.Abandoned || ++fragment.MissIndications < 3)
            {
                continue;
            }
            MarkForFastRetransmit(fragment);
        }
    }

    private void MarkForFastRetransmit(OutboundFragment fragment)
    {
        if (fastRecoveryExit is null)
        {
            Ssthresh = Math.Max(Cwnd / 2, 4L * options.Mtu);
            Cwnd = Ssthresh;
            partialBytesAcked = 0;
            fastRecoveryExit = nextTsn - 1;
        }
        if (fragment.InFlight)
        {
            FlightSize -= fragment.Size;
        }
        fragment.Retransmit = true;
        fragment.FastRetransmitted = true;
        fastRetransmitDue = true;
    }

    /// <summary>Slow start below ssthresh, congestion avoidance above it (RFC 9260 §7.2.1, §7.2.2).</summary>
    private void GrowWindow(long acked, long flightBefore)
    {
        if (fastRecoveryExit is not null || flightBefore < Cwnd - options.Mtu)
        {
            return; // Not in fast recovery, and only when the window was actually in use.
        }
        if (Cwnd <= Ssthresh)
        {
            Cwnd += Math.Min(acked, options.Mtu);
            return;
        }
        partialBytesAcked += acked;
        if (partialBytesAcked >= Cwnd)
        {
            partialBytesAcked -= Cwnd;
            Cwnd += options.Mtu;
        }
    }

    private void RestartT3(TimeSpan now, bool advanced)
    {
        if (inflight.All(f => f.Acked || f.Message.Abandoned))
        {
            T3Deadline = null;
        }
        else if (advanced || T3Deadline is null)
        {
            T3Deadline = now + rto.Rto;
        }
    }

    /// <summary>T3-rtx expired (RFC 9260 §6.3.3): collapse cwnd, back off RTO, resend everything outstanding.</summary>
    public void OnT3Expired(TimeSpan now)
    {
        Ssthresh = Math.Max(Cwnd / 2, 4L * options.Mtu);
        Cwnd = options.Mtu;
        partialBytesAcked = 0;
        fastRecoveryExit = null;
        rto.BackOff();
        foreach (OutboundFragment fragment in inflight)
        {
            if (fragment.InFlight)
            {
                FlightSize -= fragment.Size;
                fragment.Retransmit = true;
            }
        }
        T3Deadline = now + rto.Rto;
    }

    /// <summary>Adds retransmissions, then new data, to a packet being built, within cwnd, peer window and room.</summary>
    public void Fill(List<SctpChunk> chunks, ref int room, TimeSpan now)
    {
        FillRetransmissions(chunks, ref room, now);
        FillNewData(chunks, ref room, now);
    }

    private void FillRetransmissions(List<SctpChunk> chunks, ref int room, TimeSpan now)
    {
        foreach (OutboundFragment fragment in inflight)
        {
            if (!fragment.Retransmit || fragment.Acked)
            {
                continue;
            }
            if (TryAbandon(fragment, now))
            {
                continue;
            }
            // A fast retransmission goes out at once whatever cwnd says (RFC 9260 §7.2.4 step 3).
            if ((!fastRetransmitDue && FlightSize >= Cwnd) || fragment.Chunk.EncodedLength > room)
            {
                break;
            }
            Transmit(fragment, chunks, ref room, now);
        }
        fastRetransmitDue = false;
    }

    private void FillNewData(List<SctpChunk> chunks, ref int room, TimeSpan now)
    {
        while (pending.First is { Value: var fragment })
        {
            // An expired message is dropped only before its first fragment leaves; once started it is finished.
            if (fragment.Message.Abandoned || (fragment.Message.ExpiresAt is { } expiry && now >= expiry && fragment.Chunk.Beginning))
            {
                Abandon(fragment.Message);
                continue;
            }
            bool windowOpen = PeerReceiveWindow >= fragment.Size || FlightSize == 0;
            if (FlightSize >= Cwnd || !windowOpen || fragment.Chunk.EncodedLength > room)
            {
                return;
            }
            pending.RemoveFirst();
            unsentBytes[fragment.Message.StreamId] -= fragment.Size;
            fragment.Tsn = nextTsn++;
            fragment.Chunk.Tsn = (uint)fragment.Tsn;
            inflight.Add(fragment);
            Transmit(fragment, chunks, ref room, now);
            PeerReceiveWindow = Math.Max(0, PeerReceiveWindow - fragment.Size);
        }
    }

    private void Transmit(OutboundFragment fragment, List<SctpChunk> chunks, ref int room, TimeSpan now)
    {
        chunks.Add(fragment.Chunk);
        room -= fragment.Chunk.EncodedLength;
        fragment.Retransmit = false;
        fragment.Transmissions++;
        fragment.SentAt = now;
        FlightSize += fragment.Size;
        T3Deadline ??= now + rto.Rto;
    }

    /// <summary>Gives a message up: its fragments leave the flight and its unsent fragments are discarded.</summary>
    private void Abandon(OutboundMessage message)
    {
        foreach (OutboundFragment fragment in inflight)
        {
            if (fragment.Message == message && fragment.InFlight)
            {
                FlightSize -= fragment.Size;
            }
            if (fragment.Message == message)
            {
                fragment.Retransmit = false;
            }
        }
        message.Abandoned = true;
        for (LinkedListNode<OutboundFragment>? node = pending.First; node is not null;)
        {
            LinkedListNode<OutboundFragment>? next = node.Next;
            if (node.Value.Message == message)
            {
                unsentBytes[message.StreamId] -= node.Value.Size;
                pending.Remove(node);
            }
            node = next;
        }
    }

    /// <summary>Abandons a partially reliable message whose budget is spent; needs the peer's FORWARD-TSN support.</summary>
    private bool TryAbandon(OutboundFragment fragment, TimeSpan now)
    {
        if (!PeerSupportsForwardTsn || !fragment.Message.ShouldAbandon(fragment.Transmissions, now))
        {
            return fragment.Message.Abandoned;
        }
        Abandon(fragment.Message);
        return true;
    }

    /// <summary>
    /// A FORWARD-TSN when abandoned chunks sit right after the peer's cumulative TSN (RFC 3758 §3.5 C1–C3),
    /// listing the highest skipped SSN of each ordered stream.
    /// </summary>
    public ForwardTsnChunk? TakeForwardTsn()
    {
        long point = CumulativeAck;
        var skipped = new Dictionary<ushort, ushort>();
        foreach (OutboundFragment fragment in inflight)
        {
            if (!fragment.Message.Abandoned)
            {
                break;
            }
            point = fragment.Tsn;
            if (!fragment.Chunk.Unordered)
            {
                skipped[fragment.Chunk.StreamId] = fragment.Chunk.Ssn;
            }
        }
        if (point <= forwardTsnPoint)
        {
            return null;
        }
        forwardTsnPoint = point;
        return new ForwardTsnChunk((uint)point, [.. skipped.Select(p => (p.Key, p.Value))]);
    }

    /// <summary>Allows the FORWARD-TSN to be sent again (after a T3 expiry it may have been lost).</summary>
    public void RearmForwardTsn() => forwardTsnPoint = CumulativeAck;
}
