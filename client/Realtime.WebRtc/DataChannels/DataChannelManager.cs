using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.DataChannels;

/// <summary>
/// The channels of one association and DCEP (RFC 8832), sans-IO over an <see cref="SctpAssociation"/>:
/// it turns SCTP events into channel state and messages, and channel operations into SCTP sends and stream
/// resets. User callbacks are queued, not invoked, so the owner can run them outside its lock.
/// </summary>
internal sealed class DataChannelManager(SctpAssociation sctp, DtlsRole role, int remoteMaxMessageSize, IDataChannelHost host)
{
    private readonly Dictionary<ushort, DataChannel> _channels = [];
    private readonly Queue<Action> _callbacks = new();
    private bool _connected;
    private bool _ended;

    /// <summary>Raised (via the callback queue) for channels the peer opens.</summary>
    public Action<DataChannel>? ChannelOpenedByPeer { get; set; }

    public bool TryTakeCallback(out Action callback) => _callbacks.TryDequeue(out callback!);

    public bool HasCallbacks => _callbacks.Count > 0;

    /// <summary>Queues a callback to run, in order with channel events, once the owner releases its lock.</summary>
    public void Defer(Action callback) => _callbacks.Enqueue(callback);

    public DataChannel Create(string label, DataChannelInit init)
    {
        if (_ended)
        {
            throw new InvalidOperationException("The association has ended; no channel can be opened on it.");
        }
        if (init.Negotiated && init.Id is null)
        {
            throw new ArgumentException("A negotiated channel needs an explicit id.", nameof(init));
        }
        ushort id = init.Id ?? AllocateId();
        if (_channels.ContainsKey(id))
        {
            throw new InvalidOperationException($"Stream id {id} is already in use.");
        }
        var channel = new DataChannel(host, label, id, init);
        _channels[id] = channel;
        if (_connected)
        {
            Announce(channel);
        }
        return channel;
    }

    /// <summary>The DTLS client takes even stream ids and the server odd ones (RFC 8832 §6), so both can open without clashing.</summary>
    private ushort AllocateId()
    {
        int limit = _connected ? sctp.OutboundStreams : 65535;
        for (int id = role == DtlsRole.Client ? 0 : 1; id < limit; id += 2)
        {
            if (!_channels.ContainsKey((ushort)id))
            {
                return (ushort)id;
            }
        }
        throw new InvalidOperationException("No free SCTP stream id is left.");
    }

    /// <summary>Sends DATA_CHANNEL_OPEN and, like Chromium, treats the channel as open at once; negotiated channels just open.</summary>
    private void Announce(DataChannel channel)
    {
        if (!channel.Negotiated)
        {
            var open = DcepMessage.ForChannel(new DataChannelInit
            {
                Ordered = channel.Ordered,
                MaxRetransmits = channel.MaxRetransmits,
                MaxPacketLifeTime = channel.MaxPacketLifeTime,
                Protocol = channel.Protocol,
                Priority = channel.Priority,
            }, channel.Label);
            sctp.Send(channel.Id, DataChannelPpid.Dcep, open.Encode());
        }
        else
        {
            channel.Acknowledged = true;
        }
        SetOpen(channel);
    }

    public void Handle(SctpEvent sctpEvent)
    {
        switch (sctpEvent.Kind)
        {
            case SctpEventKind.Connected: OnConnected(); break;
            case SctpEventKind.Message: OnMessage(sctpEvent); break;
            case SctpEventKind.IncomingStreamsReset: OnIncomingReset(sctpEvent.StreamIds); break;
            case SctpEventKind.OutgoingStreamsReset: OnOutgoingReset(sctpEvent.StreamIds); break;
            case SctpEventKind.Closed or SctpEventKind.Aborted: CloseAll(); break;
        }
    }

    private void OnConnected()
    {
        _connected = true;
        foreach (DataChannel channel in _channels.Values.Where(c => c.State == DataChannelState.Connecting).ToList())
        {
            Announce(channel);
        }
    }

    private void OnMessage(SctpEvent message)
    {
        if (message.Ppid == DataChannelPpid.Dcep)
        {
            OnDcep(message.StreamId, message.Data);
            return;
        }
        if (!_channels.TryGetValue(message.StreamId, out DataChannel? channel) || channel.State != DataChannelState.Open || !DataChannelPpid.IsUserData(message.Ppid))
        {
            return;
        }
        channel.Acknowledged = true; // Any message on the stream implies the peer saw our OPEN (RFC 8832 §6).
        byte[] data = DataChannelPpid.IsEmpty(message.Ppid) ? [] : message.Data;
        var received = new DataChannelMessage(DataChannelPpid.IsBinary(message.Ppid), data);
        _callbacks.Enqueue(() => channel.RaiseMessage(received));
    }

    private void OnDcep(ushort streamId, byte[] data)
    {
        if (data.Length == 1 && data[0] == DcepMessage.Ack)
        {
            if (_channels.TryGetValue(streamId, out DataChannel? opened))
            {
                opened.Acknowledged = true;
            }
            return;
        }
        if (DcepMessage.DecodeOpen(data) is not { } open || _channels.ContainsKey(streamId))
        {
            return;
        }
        var init = new DataChannelInit
        {
            Ordered = open.Ordered,
            MaxRetransmits = open.MaxRetransmits,
            MaxPacketLifeTime = open.MaxPacketLifeTime,
            Protocol = open.Protocol,
            Priority = open.Priority,
            Id = streamId,
        };
        var channel = new DataChannel(host, open.Label, streamId, init) { Acknowledged = true };
        _channels[streamId] = channel;
        sctp.Send(streamId, DataChannelPpid.Dcep, [DcepMessage.Ack]);
        _callbacks.Enqueue(() => ChannelOpenedByPeer?.Invoke(channel));
        SetOpen(channel);
    }

    public void Send(DataChannel channel, uint ppid, ReadOnlySpan<byte> payload)
    {
        if (channel.State != DataChannelState.Open)
        {
            throw new InvalidOperationException($"Channel '{channel.Label}' is {channel.State}.");
        }
        if (payload.Length > remoteMaxMessageSize)
        {
            throw new ArgumentException($"Message of {payload.Length} bytes exceeds the peer's max-message-size {remoteMaxMessageSize}.", nameof(payload));
        }
        // Until the OPEN is acknowledged, messages go ordered so they cannot overtake it (RFC 8832 §6).
        var options = new SctpSendOptions(!channel.Ordered && channel.Acknowledged, channel.MaxRetransmits, channel.MaxPacketLifeTime);
        sctp.Send(channel.Id, ppid, payload.IsEmpty ? [0] : payload, options);
    }

    public void Close(DataChannel channel)
    {
        if (channel.State is DataChannelState.Closing or DataChannelState.Closed)
        {
            return;
        }
        if (!_connected || sctp.State != SctpAssociationState.Established)
        {
            SetClosed(channel);
            return;
        }
        channel.State = DataChannelState.Closing;
        sctp.ResetStreams([channel.Id]);
    }

    /// <summary>The peer reset its outgoing stream, i.e. closed the channel: reset ours in turn (RFC 8831 §6.7).</summary>
    private void OnIncomingReset(IReadOnlyList<ushort> streamIds)
    {
        foreach (ushort id in streamIds)
        {
            if (!_channels.TryGetValue(id, out DataChannel? channel))
            {
                continue;
            }
            channel.IncomingReset = true;
            if (channel.State is DataChannelState.Open or DataChannelState.Connecting)
            {
                channel.State = DataChannelState.Closing;
                sctp.ResetStreams([id]);
            }
            CloseIfBothReset(channel);
        }
    }

    private void OnOutgoingReset(IReadOnlyList<ushort> streamIds)
    {
        foreach (ushort id in streamIds)
        {
            if (_channels.TryGetValue(id, out DataChannel? channel))
            {
                channel.OutgoingReset = true;
                CloseIfBothReset(channel);
            }
        }
    }

    private void CloseIfBothReset(DataChannel channel)
    {
        if (channel.OutgoingReset && (channel.IncomingReset || !sctp.PeerSupportsStreamReset))
        {
            SetClosed(channel);
        }
    }

    /// <summary>The association is gone: every channel is closed and no new one can be created.</summary>
    public void CloseAll()
    {
        _ended = true;
        foreach (DataChannel channel in _channels.Values.ToList())
        {
            SetClosed(channel);
        }
    }

    private void SetOpen(DataChannel channel)
    {
        channel.State = DataChannelState.Open;
        _callbacks.Enqueue(channel.RaiseOpen);
    }

    private void SetClosed(DataChannel channel)
    {
        if (channel.State == DataChannelState.Closed)
        {
            return;
        }
        channel.State = DataChannelState.Closed;
        _channels.Remove(channel.Id);
        _callbacks.Enqueue(channel.RaiseClose);
    }
}
