using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Sctp;

/// <summary>Timers, heartbeats (RFC 9260 §8.3) and bundling chunks into packets of at most one MTU.</summary>
public sealed partial class SctpAssociation
{
    private void RunTimers()
    {
        if (_t1.Deadline <= _now)
        {
            OnT1Expired();
        }
        if (_t2.Deadline <= _now)
        {
            OnT2Expired();
        }
        if (_sender.T3Deadline <= _now && State != SctpAssociationState.Closed)
        {
            OnT3Expired();
        }
        if (_delayedAckDeadline <= _now)
        {
            _sackDue = true;
            _delayedAckDeadline = null;
        }
        if (_heartbeatDeadline <= _now)
        {
            OnHeartbeatTimer();
        }
        if (_reconfigDeadline <= _now)
        {
            OnReconfigTimer();
        }
    }

    private void OnT3Expired()
    {
        _sender.OnT3Expired(_now);
        _sender.RearmForwardTsn();
        CountError();
    }

    /// <summary>Probes an idle peer; an unanswered probe counts as an error towards declaring it unreachable.</summary>
    private void OnHeartbeatTimer()
    {
        if (_heartbeatInFlight is not null)
        {
            CountError();
        }
        if (State == SctpAssociationState.Closed)
        {
            return;
        }
        ulong nonce = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        _heartbeatInFlight = (nonce, _now);
        var info = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(info, nonce);
        _control.Enqueue(HeartbeatChunk.Request(info));
        _heartbeatDeadline = _now + _options.HeartbeatInterval + _rto.Rto;
    }

    private void OnHeartbeat(HeartbeatChunk heartbeat)
    {
        if (!heartbeat.IsAck)
        {
            if (State != SctpAssociationState.Closed)
            {
                _control.Enqueue(new HeartbeatChunk(true, heartbeat.Value));
            }
            return;
        }
        if (heartbeat.Info() is { Length: 8 } info && _heartbeatInFlight is { } probe && BinaryPrimitives.ReadUInt64BigEndian(info) == probe.Nonce)
        {
            _rto.Measure(_now - probe.SentAt);
            _heartbeatInFlight = null;
            _errorCount = 0;
        }
    }

    /// <summary>A packet carrying a single chunk with an explicit tag: INIT (tag 0), INIT-ACK, out-of-the-blue replies.</summary>
    private void SendStandalone(uint tag, SctpChunk chunk) =>
        _transmits.Enqueue(new SctpPacket(_options.LocalPort, _options.RemotePort, tag, [chunk]).Encode());

    /// <summary>
    /// Builds packets from what is due: control chunks first, then a SACK, a FORWARD-TSN, then DATA within
    /// the congestion and receiver windows. Runs after every input so timers and outputs are current.
    /// </summary>
    private void Flush()
    {
        TryProgressShutdown();
        TrySendResetRequest();
        ForwardTsnChunk? forward = DataFlows ? _sender.TakeForwardTsn() : null;
        while (true)
        {
            var chunks = new List<SctpChunk>();
            int room = _options.Mtu - SctpPacket.HeaderLength;
            AddControl(chunks, ref room);
            if (_sackDue && _inbound is not null && State != SctpAssociationState.Closed)
            {
                Add(chunks, BuildSack(), ref room);
            }
            if (forward is not null && forward.EncodedLength <= room)
            {
                Add(chunks, forward, ref room);
                forward = null;
            }
            if (DataFlows)
            {
                _sender.Fill(chunks, ref room, _now);
            }
            if (chunks.Count == 0)
            {
                break;
            }
            _transmits.Enqueue(new SctpPacket(_options.LocalPort, _options.RemotePort, _peerTag, chunks).Encode());
        }
    }

    private bool DataFlows => State is SctpAssociationState.Established or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownReceived;

    private void AddControl(List<SctpChunk> chunks, ref int room)
    {
        while (_control.TryPeek(out SctpChunk? next) && (next.EncodedLength <= room || chunks.Count == 0))
        {
            Add(chunks, _control.Dequeue(), ref room);
        }
    }

    private static void Add(List<SctpChunk> chunks, SctpChunk chunk, ref int room)
    {
        chunks.Add(chunk);
        room -= chunk.EncodedLength;
    }
}
