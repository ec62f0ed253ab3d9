namespace Realtime.WebRtc.Sctp;

/// <summary>
/// Stream reset (RFC 6525), which is how a data channel closes (RFC 8831 §6.7): each side resets its
/// outgoing stream, and the receiver applies the reset only after every TSN the sender had assigned.
/// </summary>
public sealed partial class SctpAssociation
{
    private readonly SortedSet<ushort> streamsToReset = [];
    private (uint Seq, ushort[] Streams, uint LastTsn)? requestInFlight;
    private uint nextRequestSeq;
    private uint peerNextRequestSeq;
    private uint lastResponseResult = ReconfigParameter.ResultPerformed;
    private (uint Seq, long LastTsn, ushort[] Streams)? deferredIncoming;
    private TimeSpan? reconfigDeadline;

    /// <summary>Resets our outgoing streams once the data already queued on them has been sent.</summary>
    public void ResetStreams(IEnumerable<ushort> streamIds)
    {
        streamsToReset.UnionWith(streamIds);
        Flush();
    }

    private void ResetReconfigState()
    {
        requestInFlight = null;
        deferredIncoming = null;
        reconfigDeadline = null;
        nextRequestSeq = localInitialTsn;
    }

    /// <summary>Issues the next request when none is outstanding and the streams have no unsent data left.</summary>
    private void TrySendResetRequest()
    {
        if (requestInFlight is not null || streamsToReset.Count == 0 || State != SctpAssociationState.Established)
        {
            return;
        }
        ushort[] streams = [.. streamsToReset];
        if (sender.HasUnsentFor(streams))
        {
            return;
        }
        streamsToReset.Clear();
        if (!peerSupportsReconfig)
        {
            CompleteOutgoingReset(streams); // Nothing to negotiate; the channel closes locally.
            return;
        }
        requestInFlight = (nextRequestSeq, streams, (uint)sender.LastAssignedTsn);
        SendResetRequest();
    }

    private void SendResetRequest()
    {
        var (seq, streams, lastTsn) = requestInFlight!.Value;
        control.Enqueue(new ReconfigChunk([ReconfigParameter.OutgoingRequest(seq, peerNextRequestSeq - 1, lastTsn, streams)]));
        reconfigDeadline = now + rto.Rto;
    }

    private void OnReconfigTimer()
    {
        if (requestInFlight is null)
        {
            reconfigDeadline = null;
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
        if (requestInFlight is not { } request || request.Seq != seq)
        {
            return;
        }
        if (result == ReconfigParameter.ResultInProgress)
        {
            reconfigDeadline = now + rto.Rto; // The peer is still waiting for our data; ask again later.
            return;
        }
        requestInFlight = null;
        reconfigDeadline = null;
        nextRequestSeq++;
        CompleteOutgoingReset(request.Streams); // Denied or failed resets are reported too, so channels do not hang.
    }

    private void CompleteOutgoingReset(ushort[] streams)
    {
        foreach (ushort stream in streams)
        {
            sender.ResetSsn(stream);
        }
        Emit(SctpEvent.StreamsReset(SctpEventKind.OutgoingStreamsReset, streams));
    }

    /// <summary>The peer resets its outgoing streams: apply once its last TSN has arrived, else answer "in progress" (RFC 6525 §5.2.2).</summary>
    private void OnOutgoingResetRequest(uint seq, uint lastTsn, ushort[] streams)
    {
        if (seq == peerNextRequestSeq - 1)
        {
            Respond(seq, lastResponseResult); // A retransmission: repeat the answer.
            return;
        }
        if (seq != peerNextRequestSeq || inbound is null)
        {
            Respond(seq, ReconfigParameter.ResultBadSequenceNumber);
            return;
        }
        deferredIncoming = (seq, inbound.Unwrap(lastTsn), streams);
        if (!CompleteDeferredReset())
        {
            Respond(seq, ReconfigParameter.ResultInProgress);
        }
    }

    /// <summary>Performs a waiting incoming reset if the cumulative TSN has reached its last TSN.</summary>
    private bool CompleteDeferredReset()
    {
        if (deferredIncoming is not { } request || inbound is null || inbound.Cumulative < request.LastTsn)
        {
            return false;
        }
        deferredIncoming = null;
        reassembler.Reset(request.Streams);
        peerNextRequestSeq++;
        lastResponseResult = ReconfigParameter.ResultPerformed;
        Respond(request.Seq, ReconfigParameter.ResultPerformed);
        Emit(SctpEvent.StreamsReset(SctpEventKind.IncomingStreamsReset, request.Streams));
        return true;
    }

    private void Respond(uint seq, uint result) =>
        control.Enqueue(new ReconfigChunk([ReconfigParameter.Response(seq, result)]));
}
