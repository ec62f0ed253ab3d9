namespace Realtime.WebRtc.Sctp;

/// <summary>Graceful SHUTDOWN (RFC 9260 §9.2), ABORT (§9.1), ERROR, and giving up on an unreachable peer (§8.1).</summary>
public sealed partial class SctpAssociation
{
    /// <summary>Closes gracefully once everything queued has been acknowledged.</summary>
    public void Shutdown(TimeSpan now)
    {
        _now = now;
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
        if (_peerTag != 0)
        {
            SendStandalone(_peerTag, new AbortChunk(false, [SctpErrorCause.UserAbort(reason)]));
        }
        EnterClosed(SctpEventKind.Aborted, reason);
    }

    private void TryProgressShutdown()
    {
        if (!_sender.IsIdle)
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
                _sender.HandleCumulativeAck(shutdown.CumulativeTsnAck, _now);
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
            _control.Enqueue(new SignalChunk(SctpChunkType.ShutdownComplete));
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
        _control.Enqueue(State == SctpAssociationState.ShutdownSent
            ? new ShutdownChunk((uint)_inbound!.Cumulative)
            : new SignalChunk(SctpChunkType.ShutdownAck));
    }

    private void StartT2() => _t2.Start(_now, _rto.Rto);

    private void OnT2Expired()
    {
        if (!_t2.Rearm(_now))
        {
            Fail("peer did not complete the shutdown");
            return;
        }
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
        if (++_errorCount > _options.MaxRetransmissions)
        {
            Fail("peer unreachable: too many retransmissions");
        }
    }

    private void Fail(string reason) => Abort(reason);

    private void EnterClosed(SctpEventKind kind, string? reason)
    {
        State = SctpAssociationState.Closed;
        _ended = true;
        _t1.Stop();
        _t2.Stop();
        _delayedAckDeadline = _heartbeatDeadline = _reconfigDeadline = null;
        Emit(SctpEvent.Ended(kind, reason));
    }
}
