namespace Realtime.WebRtc.Sctp;

/// <summary>Graceful SHUTDOWN (RFC 9260 §9.2), ABORT (§9.1), ERROR, and giving up on an unreachable peer (§8.1).</summary>
public sealed partial class SctpAssociation
{
    private TimeSpan? t2Deadline;
    private TimeSpan t2Timeout;
    private int t2Retries;

    /// <summary>Closes gracefully once everything queued has been acknowledged.</summary>
    public void Shutdown(TimeSpan now)
    {
        this.now = now;
        if (State == SctpAssociationState.Established)
        {
            State = SctpAssociationState.ShutdownPending;
            TryProgressShutdown();
        }
        else if (State is SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed)
        {
            Abort("shutdown before the association was established");
        }
        Flush();
    }

    /// <summary>Ends the association at once, telling the peer why (User-Initiated Abort cause).</summary>
    public void Abort(string reason)
    {
        if (State == SctpAssociationState.Closed)
        {
            return;
        }
        if (peerTag != 0)
        {
            SendStandalone(peerTag, new AbortChunk(false, [SctpErrorCause.UserAbort(reason)]));
        }
        EnterClosed(SctpEventKind.Aborted, reason);
    }

    private void TryProgressShutdown()
    {
        if (!sender.IsIdle)
        {
            return;
        }
        if (State == SctpAssociationState.ShutdownPending)
        {
            State = SctpAssociationState.ShutdownSent;
            StartT2();
            SendShutdownChunk();
        }
        else if (State == SctpAssociationState.ShutdownReceived)
        {
            State = SctpAssociationState.ShutdownAckSent;
            StartT2();
            SendShutdownChunk();
        }
    }

    private void OnShutdown(ShutdownChunk shutdown)
    {
        switch (State)
        {
            case SctpAssociationState.Established or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownReceived:
                sender.HandleCumulativeAck(shutdown.CumulativeTsnAck, now);
                State = SctpAssociationState.ShutdownReceived;
                TryProgressShutdown();
                break;
            case SctpAssociationState.ShutdownSent:
                // Both sides shut down at once: answer with SHUTDOWN-ACK (§9.2).
                State = SctpAssociationState.ShutdownAckSent;
                StartT2();
                SendShutdownChunk();
                break;
            case SctpAssociationState.ShutdownAckSent:
                SendShutdownChunk();
                break;
        }
    }

    private void OnShutdownAck()
    {
        if (State is SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent)
        {
            control.Enqueue(new SignalChunk(SctpChunkType.ShutdownComplete));
            EnterClosed(SctpEventKind.Closed, null);
        }
    }

    private void OnShutdownComplete()
    {
        if (State == SctpAssociationState.ShutdownAckSent)
        {
            EnterClosed(SctpEventKind.Closed, null);
        }
    }

    private void SendShutdownChunk()
    {
        control.Enqueue(State == SctpAssociationState.ShutdownSent
            ? new ShutdownChunk((uint)inbound!.Cumulative)
            : new SignalChunk(SctpChunkType.ShutdownAck));
    }

    private void StartT2()
    {
        t2Retries = 0;
        t2Timeout = rto.Rto;
        t2Deadline = now + t2Timeout;
    }

    private void OnT2Expired()
    {
        if (++t2Retries > options.MaxRetransmissions)
        {
            Fail("peer did not complete the shutdown");
            return;
        }
        t2Timeout = t2Timeout * 2 > options.RtoMax ? options.RtoMax : t2Timeout * 2;
        t2Deadline = now + t2Timeout;
        SendShutdownChunk();
    }

    private void OnAbort(AbortChunk abort)
    {
        if (State != SctpAssociationState.Closed)
        {
            EnterClosed(SctpEventKind.Aborted, "peer aborted: " + SctpErrorCause.Describe(abort.Causes));
        }
    }

    /// <summary>A stale-cookie report while we wait for COOKIE-ACK means starting over (§5.2.6); other errors are informational.</summary>
    private void OnError(ErrorChunk error)
    {
        if (State == SctpAssociationState.CookieEchoed && error.Causes.Any(c => c.Type == SctpErrorCause.StaleCookie))
        {
            State = SctpAssociationState.Closed;
            SendInit();
        }
    }

    /// <summary>Too many consecutive retransmission timeouts: the peer is unreachable (§8.1).</summary>
    private void CountError()
    {
        if (++errorCount > options.MaxRetransmissions)
        {
            Fail("peer unreachable: too many retransmissions");
        }
    }

    private void Fail(string reason) => Abort(reason);

    private void EnterClosed(SctpEventKind kind, string? reason)
    {
        State = SctpAssociationState.Closed;
        ended = true;
        t1Deadline = t2Deadline = delayedAckDeadline = heartbeatDeadline = reconfigDeadline = null;
        Emit(SctpEvent.Ended(kind, reason));
    }
}
