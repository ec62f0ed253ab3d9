namespace Realtime.WebRtc.Sctp;

/// <summary>
/// The sending half of an association (RFC 9260 §6–7): fragmentation, TSN assignment, SACK processing,
/// the T3-rtx timer, fast retransmit after three miss indications, and the cwnd/ssthresh/receiver-window
/// rules that pace new data. Partial reliability (RFC 3758) abandons messages and advances the peer's
/// cumulative TSN with FORWARD-TSN.
/// </summary>
internal sealed class SctpSender
{
    private readonly SctpOptions _options;
    private readonly RtoEstimator _rto;
    private readonly LinkedList<OutboundFragment> _pending = new();
    private readonly List<OutboundFragment> _inflight = []; // Consecutive TSNs from CumulativeAck + 1.
    private readonly Dictionary<ushort, ushort> _nextSsn = [];
    private readonly Dictionary<ushort, long> _unsentBytes = [];
    private long _nextTsn;
    private long _partialBytesAcked;
    private long? _fastRecoveryExit;
    private bool _fastRetransmitDue;
    private long _forwardTsnPoint;

    public SctpSender(SctpOptions options, RtoEstimator rto, uint initialTsn)
    {
        _options = options;
        _rto = rto;
        _nextTsn = initialTsn;
        CumulativeAck = _nextTsn - 1;
        _forwardTsnPoint = CumulativeAck;
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

    public bool IsIdle => _pending.Count == 0 && _inflight.Count == 0;
    public long LastAssignedTsn => _nextTsn - 1;

    private int MaxFragment => _options.Mtu - SctpPacket.HeaderLength - SctpChunk.HeaderLength - DataChunk.FixedLength;

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
            _pending.AddLast(new OutboundFragment(chunk, message));
            offset += length;
        }
        while (offset < payload.Length);
        _unsentBytes[streamId] = UnsentBytes(streamId) + payload.Length;
    }

    public long UnsentBytes(ushort streamId) => _unsentBytes.GetValueOrDefault(streamId);

    public bool HasUnsentFor(IReadOnlyCollection<ushort> streamIds) => streamIds.Any(id => UnsentBytes(id) > 0);

    /// <summary>After an outgoing stream reset the stream's SSNs start again at 0 (RFC 6525 §5.1.2).</summary>
    public void ResetSsn(ushort streamId) => _nextSsn.Remove(streamId);

    private ushort NextSsn(ushort streamId)
    {
        ushort ssn = _nextSsn.GetValueOrDefault(streamId);
        _nextSsn[streamId] = (ushort)(ssn + 1);
        return ssn;
    }

    /// <summary>Processes a SACK; returns true when the cumulative TSN advanced (the peer is alive and making progress).</summary>
    public bool HandleSack(SackChunk sack, TimeSpan now)
    {
        long cumulative = CumulativeAck + (int)(sack.CumulativeTsnAck - (uint)CumulativeAck);
        if (cumulative < CumulativeAck || cumulative >= _nextTsn)
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
            acked += Acknowledge(_inflight[i], now);
        }
        _inflight.RemoveRange(0, count);
        CumulativeAck = cumulative;
        _forwardTsnPoint = Math.Max(_forwardTsnPoint, cumulative);
        if (_fastRecoveryExit is { } exit && cumulative >= exit)
        {
            _fastRecoveryExit = null;
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
                if (index < 0 || index >= _inflight.Count || _inflight[index].Acked)
                {
                    continue;
                }
                acked += Acknowledge(_inflight[index], now);
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
            _rto.Measure(now - fragment.SentAt);
        }
        return fragment.Size;
    }

    /// <summary>
    /// Every unacknowledged TSN below the highest newly acknowledged one was skipped by the receiver; on the
    /// third such report it is fast-retransmitted (RFC 9260 §7.2.4), at most once per TSN.
    /// </summary>
    private void CountMisses(long highestNewlyAcked)
    {
        foreach (OutboundFragment fragment in _inflight)
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
        if (_fastRecoveryExit is null)
        {
            Ssthresh = Math.Max(Cwnd / 2, 4L * _options.Mtu);
            Cwnd = Ssthresh;
            _partialBytesAcked = 0;
            _fastRecoveryExit = _nextTsn - 1;
        }
        if (fragment.InFlight)
        {
            FlightSize -= fragment.Size;
        }
        fragment.Retransmit = true;
        fragment.FastRetransmitted = true;
        _fastRetransmitDue = true;
    }

    /// <summary>Slow start below ssthresh, congestion avoidance above it (RFC 9260 §7.2.1, §7.2.2).</summary>
    private void GrowWindow(long acked, long flightBefore)
    {
        if (_fastRecoveryExit is not null || flightBefore < Cwnd - _options.Mtu)
        {
            return; // Not in fast recovery, and only when the window was actually in use.
        }
        if (Cwnd <= Ssthresh)
        {
            Cwnd += Math.Min(acked, _options.Mtu);
            return;
        }
        _partialBytesAcked += acked;
        if (_partialBytesAcked >= Cwnd)
        {
            _partialBytesAcked -= Cwnd;
            Cwnd += _options.Mtu;
        }
    }

    private void RestartT3(TimeSpan now, bool advanced)
    {
        if (_inflight.All(f => f.Acked || f.Message.Abandoned))
        {
            T3Deadline = null;
        }
        else if (advanced || T3Deadline is null)
        {
            T3Deadline = now + _rto.Rto;
        }
    }

    /// <summary>T3-rtx expired (RFC 9260 §6.3.3): collapse cwnd, back off RTO, resend everything outstanding.</summary>
    public void OnT3Expired(TimeSpan now)
    {
        Ssthresh = Math.Max(Cwnd / 2, 4L * _options.Mtu);
        Cwnd = _options.Mtu;
        _partialBytesAcked = 0;
        _fastRecoveryExit = null;
        _rto.BackOff();
        foreach (OutboundFragment fragment in _inflight)
        {
            if (fragment.InFlight)
            {
                FlightSize -= fragment.Size;
                fragment.Retransmit = true;
            }
        }
        T3Deadline = now + _rto.Rto;
    }

    /// <summary>Adds retransmissions, then new data, to a packet being built, within cwnd, peer window and room.</summary>
    public void Fill(List<SctpChunk> chunks, ref int room, TimeSpan now)
    {
        FillRetransmissions(chunks, ref room, now);
        FillNewData(chunks, ref room, now);
    }

    private void FillRetransmissions(List<SctpChunk> chunks, ref int room, TimeSpan now)
    {
        foreach (OutboundFragment fragment in _inflight)
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
            if ((!_fastRetransmitDue && FlightSize >= Cwnd) || fragment.Chunk.EncodedLength > room)
            {
                break;
            }
            Transmit(fragment, chunks, ref room, now);
        }
        _fastRetransmitDue = false;
    }

    private void FillNewData(List<SctpChunk> chunks, ref int room, TimeSpan now)
    {
        while (_pending.First is { Value: var fragment })
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
            _pending.RemoveFirst();
            _unsentBytes[fragment.Message.StreamId] -= fragment.Size;
            fragment.Tsn = _nextTsn++;
            fragment.Chunk.Tsn = (uint)fragment.Tsn;
            _inflight.Add(fragment);
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
        T3Deadline ??= now + _rto.Rto;
    }

    /// <summary>Gives a message up: its fragments leave the flight and its unsent fragments are discarded.</summary>
    private void Abandon(OutboundMessage message)
    {
        foreach (OutboundFragment fragment in _inflight)
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
        for (LinkedListNode<OutboundFragment>? node = _pending.First; node is not null;)
        {
            LinkedListNode<OutboundFragment>? next = node.Next;
            if (node.Value.Message == message)
            {
                _unsentBytes[message.StreamId] -= node.Value.Size;
                _pending.Remove(node);
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
        foreach (OutboundFragment fragment in _inflight)
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
        if (point <= _forwardTsnPoint)
        {
            return null;
        }
        _forwardTsnPoint = point;
        return new ForwardTsnChunk((uint)point, [.. skipped.Select(p => (p.Key, p.Value))]);
    }

    /// <summary>Allows the FORWARD-TSN to be sent again (after a T3 expiry it may have been lost).</summary>
    public void RearmForwardTsn() => _forwardTsnPoint = CumulativeAck;
}
