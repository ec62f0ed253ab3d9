namespace Realtime.WebRtc.Sctp;

/// <summary>Receiving DATA and acknowledging it (RFC 9260 §6.2), SACK processing, FORWARD-TSN (RFC 3758).</summary>
public sealed partial class SctpAssociation
{
    private TimeSpan? delayedAckDeadline;
    private bool sackDue;
    private bool ackNow;
    private int packetsSinceSack;

    private bool ReceivesData => inbound is not null && State is SctpAssociationState.CookieEchoed or SctpAssociationState.Established
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
        long tsn = inbound!.Unwrap(data.Tsn);
        if (inbound.IsDuplicate(tsn))
        {
            inbound.RecordDuplicate(data.Tsn);
            ackNow = true; // Duplicates mean our SACK was lost: answer at once (§6.2).
            return true;
        }
        if (!HasRoomFor(data, tsn))
        {
            ackNow = true;
            return true; // Dropped for lack of buffer; the sender retransmits once the window reopens.
        }
        inbound.Add(tsn);
        if (data.Payload.Length > 0)
        {
            reassembler.Add(tsn, data, delivered);
        }
        return true;
    }

    /// <summary>
    /// Drops DATA that would overflow the receive buffer unless it fills the next hole, which always lets
    /// the cumulative TSN advance and so guarantees progress (§6.2).
    /// </summary>
    private bool HasRoomFor(DataChunk data, long tsn) =>
        tsn == inbound!.Cumulative + 1 || reassembler.BufferedBytes + data.Payload.Length <= options.ReceiveWindow;

    /// <summary>Acknowledge every second DATA packet, or at once when something looks wrong (§6.2); otherwise start the delayed-ack timer.</summary>
    private void AfterDataPacket()
    {
        foreach (SctpEvent message in delivered)
        {
            Emit(message);
        }
        delivered.Clear();
        CompleteDeferredReset();
        packetsSinceSack++;
        bool shuttingDown = State is SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent;
        if (ackNow || inbound!.HasGaps || packetsSinceSack >= 2 || shuttingDown)
        {
            sackDue = true;
        }
        else
        {
            delayedAckDeadline ??= now + options.DelayedAckTimeout;
        }
        ackNow = false;
    }

    private SackChunk BuildSack()
    {
        sackDue = false;
        delayedAckDeadline = null;
        packetsSinceSack = 0;
        long window = Math.Max(0, options.ReceiveWindow - reassembler.BufferedBytes);
        return inbound!.BuildSack((uint)window);
    }

    private void OnSack(SackChunk sack)
    {
        if (State is SctpAssociationState.Closed or SctpAssociationState.CookieWait)
        {
            return;
        }
        if (sender.HandleSack(sack, now))
        {
            errorCount = 0;
        }
        TryProgressShutdown();
    }

    private void OnForwardTsn(ForwardTsnChunk forward)
    {
        if (!ReceivesData)
        {
            return;
        }
        long newCumulative = inbound!.Unwrap(forward.NewCumulativeTsn);
        inbound.ForwardTo(newCumulative);
        reassembler.Forward(newCumulative, forward.Streams, delivered);
        ackNow = true;
        AfterDataPacket();
    }
}
