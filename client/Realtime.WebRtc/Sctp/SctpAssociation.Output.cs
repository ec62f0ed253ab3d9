using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Sctp;

/// <summary>Timers, heartbeats (RFC 9260 §8.3) and bundling chunks into packets of at most one MTU.</summary>
public sealed partial class SctpAssociation
{
    private TimeSpan? heartbeatDeadline;
    private (ulong Nonce, TimeSpan SentAt)? heartbeatInFlight;

    private void RunTimers()
    {
        if (t1Deadline <= now)
        {
            OnT1Expired();
        }
        if (t2Deadline <= now)
        {
            OnT2Expired();
        }
        if (sender.T3Deadline <= now && State != SctpAssociationState.Closed)
        {
            OnT3Expired();
        }
        if (delayedAckDeadline <= now)
        {
            sackDue = true;
            delayedAckDeadline = null;
        }
        if (heartbeatDeadline <= now)
        {
            OnHeartbeatTimer();
        }
        if (reconfigDeadline <= now)
        {
            OnReconfigTimer();
        }
    }

    private void OnT3Expired()
    {
        sender.OnT3Expired(now);
        sender.RearmForwardTsn();
        CountError();
    }

    /// <summary>Probes an idle peer; an unanswered probe counts as an error towards declaring it unreachable.</summary>
    private void OnHeartbeatTimer()
    {
        if (heartbeatInFlight is not null)
        {
            CountError();
        }
        if (State == SctpAssociationState.Closed)
        {
            return;
        }
        ulong nonce = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        heartbeatInFlight = (nonce, now);
        var info = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(info, nonce);
        control.Enqueue(HeartbeatChunk.Request(info));
        heartbeatDeadline = now + options.HeartbeatInterval + rto.Rto;
    }

    private void OnHeartbeat(HeartbeatChunk heartbeat)
    {
        if (!heartbeat.IsAck)
        {
            if (State != SctpAssociationState.Closed)
            {
                control.Enqueue(new HeartbeatChunk(true, heartbeat.Value));
            }
            return;
        }
        if (heartbeat.Info() is { Length: 8 } info && heartbeatInFlight is { } probe && BinaryPrimitives.ReadUInt64BigEndian(info) == probe.Nonce)
        {
            rto.Measure(now - probe.SentAt);
            heartbeatInFlight = null;
            errorCount = 0;
        }
    }

    /// <summary>A packet carrying a single chunk with an explicit tag: INIT (tag 0), INIT-ACK, out-of-the-blue replies.</summary>
    private void SendStandalone(uint tag, SctpChunk chunk) =>
        transmits.Enqueue(new SctpPacket(options.LocalPort, options.RemotePort, tag, [chunk]).Encode());

    /// <summary>
    /// Builds packets from what is due: control chunks first, then a SACK, a FORWARD-TSN, then DATA within
    /// the congestion and receiver windows. Runs after every input so timers and outputs are current.
    /// </summary>
    private void Flush()
    {
        TryProgressShutdown();
        TrySendResetRequest();
        ForwardTsnChunk? forward = DataFlows ? sender.TakeForwardTsn() : null;
        while (true)
        {
            var chunks = new List<SctpChunk>();
            int room = options.Mtu - SctpPacket.HeaderLength;
            AddControl(chunks, ref room);
            if (sackDue && inbound is not null && State != SctpAssociationState.Closed)
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
                sender.Fill(chunks, ref room, now);
            }
            if (chunks.Count == 0)
            {
                break;
            }
            transmits.Enqueue(new SctpPacket(options.LocalPort, options.RemotePort, peerTag, chunks).Encode());
        }
    }

    private bool DataFlows => State is SctpAssociationState.Established or SctpAssociationState.ShutdownPending or SctpAssociationState.ShutdownReceived;

    private void AddControl(List<SctpChunk> chunks, ref int room)
    {
        while (control.TryPeek(out SctpChunk? next) && (next.EncodedLength <= room || chunks.Count == 0))
        {
            Add(chunks, control.Dequeue(), ref room);
        }
    }

    private static void Add(List<SctpChunk> chunks, SctpChunk chunk, ref int room)
    {
        chunks.Add(chunk);
        room -= chunk.EncodedLength;
    }
}
