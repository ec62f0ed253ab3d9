namespace Realtime.WebRtc.Sctp;

/// <summary>Receiving DATA and acknowledging it (RFC 9260 §6.2), SACK processing, FORWARD-TSN (RFC 3758).</summary>
public sealed partial class SctpAssociation
{
    private bool ReceivesData => _inbound is not null && State is SctpAssociationState.CookieEchoed or SctpAssociationState.Established
        or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownSent;

    /// <summary>Accepts one DATA chunk; returns whether it counts towards the SACK decision.</summary>
    private bool OnData(DataChunk data)
    {
        if (!ReceivesData)
        {
            return false;
        }
        if (State == SctpAssociationState.CookieEchoed)
        {
            EnterEstablished(); // DATA proves the peer has our cookie (§5.1 step E allows bundling).
        }
        long tsn = _inbound!.Unwrap(data.Tsn);
        if (_inbound.IsDuplicate(tsn))
        {
            _inbound.RecordDuplicate(data.Tsn);
            _ackNow = true; // Duplicates mean our SACK was lost: answer at once (§6.2).
            return true;
        }
        if (!HasRoomFor(data, tsn))
        {
            _ackNow = true;
            return true; // Dropped for lack of buffer; the sender retransmits once the window reopens.
        }
        _inbound.Add(tsn);
        if (data.Payload.Length > 0)
        {
            _reassembler.Add(tsn, data, _delivered);
        }
        return true;
    }

    /// <summary>
    /// Drops DATA that would overflow the receive buffer unless it fills the next hole, which always lets
    /// the cumulative TSN advance and so guarantees progress (§6.2).
    /// </summary>
    private bool HasRoomFor(DataChunk data, long tsn) =>
        tsn == _inbound!.Cumulative + 1 || _reassembler.BufferedBytes + data.Payload.Length <= _options.ReceiveWindow;

    /// <summary>Acknowledge every second DATA packet, or at once when something looks wrong (§6.2); otherwise start the delayed-ack timer.</summary>
    private void AfterDataPacket()
    {
        foreach (SctpEvent message in _delivered)
        {
            Emit(message);
        }
        _delivered.Clear();
        CompleteDeferredReset();
        _packetsSinceSack++;
        bool shuttingDown = State is SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent;
        if (_ackNow || _inbound!.HasGaps || _packetsSinceSack >= 2 || shuttingDown)
        {
            _sackDue = true;
        }
        else
        {
            _delayedAckDeadline ??= _now + _options.DelayedAckTimeout;
        }
        _ackNow = false;
    }

    private SackChunk BuildSack()
    {
        _sackDue = false;
        _delayedAckDeadline = null;
        _packetsSinceSack = 0;
        long window = Math.Max(0, _options.ReceiveWindow - _reassembler.BufferedBytes);
        return _inbound!.BuildSack((uint)window);
    }

    private void OnSack(SackChunk sack)
    {
        if (State is SctpAssociationState.Closed or SctpAssociationState.CookieWait)
        {
            return;
        }
        if (_sender.HandleSack(sack, _now))
        {
            _errorCount = 0;
        }
        TryProgressShutdown();
    }

    private void OnForwardTsn(ForwardTsnChunk forward)
    {
        if (!ReceivesData)
        {
            return;
        }
        long newCumulative = _inbound!.Unwrap(forward.NewCumulativeTsn);
        _inbound.ForwardTo(newCumulative);
        _reassembler.Forward(newCumulative, forward.Streams, _delivered);
        _ackNow = true;
        AfterDataPacket();
    }
}
