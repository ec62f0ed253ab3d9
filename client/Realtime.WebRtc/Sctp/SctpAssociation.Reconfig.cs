namespace Realtime.WebRtc.Sctp;

/// <summary>
/// Stream reset (RFC 6525), which is how a data channel closes (RFC 8831 §6.7): each side resets its
/// outgoing stream, and the receiver applies the reset only after every TSN the sender had assigned.
/// </summary>
public sealed partial class SctpAssociation
{
    /// <summary>Resets our outgoing streams once the data already queued on them has been sent.</summary>
    public void ResetStreams(IEnumerable<ushort> streamIds)
    {
        _streamsToReset.UnionWith(streamIds);
        Flush();
    }

    private void ResetReconfigState()
    {
        _requestInFlight = null;
        _deferredIncoming = null;
        _reconfigDeadline = null;
        _nextRequestSeq = _localInitialTsn;
    }

    /// <summary>Issues the next request when none is outstanding and the streams have no unsent data left.</summary>
    private void TrySendResetRequest()
    {
        if (_requestInFlight is not null || _streamsToReset.Count == 0 || State != SctpAssociationState.Established)
        {
            return;
        }
        ushort[] streams = [.. _streamsToReset];
        if (_sender.HasUnsentFor(streams))
        {
            return;
        }
        _streamsToReset.Clear();
        if (!_peerSupportsReconfig)
        {
            CompleteOutgoingReset(streams); // Nothing to negotiate; the channel closes locally.
            return;
        }
        _requestInFlight = (_nextRequestSeq, streams, (uint)_sender.LastAssignedTsn);
        SendResetRequest();
    }

    private void SendResetRequest()
    {
        var (seq, streams, lastTsn) = _requestInFlight!.Value;
        _control.Enqueue(new ReconfigChunk([ReconfigParameter.OutgoingRequest(seq, _peerNextRequestSeq - 1, lastTsn, streams)]));
        _reconfigDeadline = _now + _rto.Rto;
    }

    private void OnReconfigTimer()
    {
        if (_requestInFlight is null)
        {
            _reconfigDeadline = null;
            return;
        }
        CountError();
        if (State == SctpAssociationState.Established)
        {
            SendResetRequest();
        }
    }

    private void OnReconfig(ReconfigChunk reconfig)
    {
        if (State is not (SctpAssociationState.Established or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownReceived or SctpAssociationState.ShutdownSent))
        {
            return;
        }
        foreach (SctpTlv parameter in reconfig.Parameters)
        {
            if (ReconfigParameter.ReadResponse(parameter) is { } response)
            {
                OnReconfigResponse(response.ResponseSeq, response.Result);
            }
            else if (ReconfigParameter.ReadOutgoingRequest(parameter) is { } request)
            {
                OnOutgoingResetRequest(request.RequestSeq, request.LastTsn, request.Streams);
            }
            else if (ReconfigParameter.RequestSeqOf(parameter) is { } seq)
            {
                Respond(seq, ReconfigParameter.ResultDenied); // Incoming/add-stream requests: not supported.
            }
        }
    }

    private void OnReconfigResponse(uint seq, uint result)
    {
        if (_requestInFlight is not { } request || request.Seq != seq)
        {
            return;
        }
        if (result == ReconfigParameter.ResultInProgress)
        {
            _reconfigDeadline = _now + _rto.Rto; // The peer is still waiting for our data; ask again later.
            return;
        }
        _requestInFlight = null;
        _reconfigDeadline = null;
        _nextRequestSeq++;
        CompleteOutgoingReset(request.Streams); // Denied or failed resets are reported too, so channels do not hang.
    }

    private void CompleteOutgoingReset(ushort[] streams)
    {
        foreach (ushort stream in streams)
        {
            _sender.ResetSsn(stream);
        }
        Emit(SctpEvent.StreamsReset(SctpEventKind.OutgoingStreamsReset, streams));
    }

    /// <summary>The peer resets its outgoing streams: apply once its last TSN has arrived, else answer "in progress" (RFC 6525 §5.2.2).</summary>
    private void OnOutgoingResetRequest(uint seq, uint lastTsn, ushort[] streams)
    {
        if (seq == _peerNextRequestSeq - 1)
        {
            Respond(seq, _lastResponseResult); // A retransmission: repeat the answer.
            return;
        }
        if (seq != _peerNextRequestSeq || _inbound is null)
        {
            Respond(seq, ReconfigParameter.ResultBadSequenceNumber);
            return;
        }
        _deferredIncoming = (seq, _inbound.Unwrap(lastTsn), streams);
        if (!CompleteDeferredReset())
        {
            Respond(seq, ReconfigParameter.ResultInProgress);
        }
    }

    /// <summary>Performs a waiting incoming reset if the cumulative TSN has reached its last TSN.</summary>
    private bool CompleteDeferredReset()
    {
        if (_deferredIncoming is not { } request || _inbound is null || _inbound.Cumulative < request.LastTsn)
        {
            return false;
        }
        _deferredIncoming = null;
        _reassembler.Reset(request.Streams);
        _peerNextRequestSeq++;
        _lastResponseResult = ReconfigParameter.ResultPerformed;
        Respond(request.Seq, ReconfigParameter.ResultPerformed);
        Emit(SctpEvent.StreamsReset(SctpEventKind.IncomingStreamsReset, request.Streams));
        return true;
    }

    private void Respond(uint seq, uint result) =>
        _control.Enqueue(new ReconfigChunk([ReconfigParameter.Response(seq, result)]));
}
