using System.Text;

namespace Realtime.WebRtc.DataChannels;

/// <summary>
/// A WebRTC data channel (RFC 8831), shaped like the browser's <c>RTCDataChannel</c>: one SCTP stream
/// id in each direction, opened by DCEP unless negotiated out of band. Send from any thread; events are
/// raised on the transport's driver thread, outside its lock.
/// </summary>
public sealed class DataChannel
{
    private readonly IDataChannelHost _host;
    private readonly object _events = new();
    private Action? _openHandlers;
    private Action? _closeHandlers;
    private bool _opened;
    private bool _closed;

    internal DataChannel(IDataChannelHost host, string label, ushort id, DataChannelInit init)
    {
        _host = host;
        Label = label;
        Id = id;
        Ordered = init.Ordered;
        MaxRetransmits = init.MaxRetransmits;
        MaxPacketLifeTime = init.MaxPacketLifeTime;
        Protocol = init.Protocol;
        Negotiated = init.Negotiated;
        Priority = init.Priority;
    }

    public string Label { get; }
    public ushort Id { get; }
    public bool Ordered { get; }
    public int? MaxRetransmits { get; }
    public TimeSpan? MaxPacketLifeTime { get; }
    public string Protocol { get; }
    public bool Negotiated { get; }
    public ushort Priority { get; }
    public DataChannelState State { get; internal set; } = DataChannelState.Connecting;

    /// <summary>Bytes queued for sending that have not been transmitted yet.</summary>
    public long BufferedAmount => _host.BufferedAmount(this);

    /// <summary>
    /// The channel opened. A locally created channel may open inside <c>CreateDataChannel</c>, before anyone
    /// could subscribe, so subscribing to an already-open channel invokes the handler at once.
    /// </summary>
    public event Action? OnOpen
    {
        add => Subscribe(ref _openHandlers, value, () => _opened);
        remove => Unsubscribe(ref _openHandlers, value);
    }

    public event Action<DataChannelMessage>? OnMessage;

    /// <summary>The channel closed; like <see cref="OnOpen"/>, a late subscriber is called at once.</summary>
    public event Action? OnClose
    {
        add => Subscribe(ref _closeHandlers, value, () => _closed);
        remove => Unsubscribe(ref _closeHandlers, value);
    }

    /// <summary>Sends a text message (PPID 51; an empty string goes as PPID 56).</summary>
    public void Send(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        _host.Send(this, bytes.Length == 0 ? DataChannelPpid.StringEmpty : DataChannelPpid.String, bytes);
    }

    /// <summary>Sends a binary message (PPID 53; an empty one goes as PPID 57).</summary>
    public void Send(ReadOnlySpan<byte> data) =>
        _host.Send(this, data.IsEmpty ? DataChannelPpid.BinaryEmpty : DataChannelPpid.Binary, data);

    public void Send(byte[] data) => Send(data.AsSpan());

    /// <summary>Closes the channel by resetting its outgoing stream (RFC 8831 §6.7); the peer answers in kind.</summary>
    public void Close() => _host.Close(this);

    /// <summary>The peer has seen our DATA_CHANNEL_OPEN; until then even an unordered channel sends ordered.</summary>
    internal bool Acknowledged { get; set; }

    internal bool OutgoingReset { get; set; }

    internal bool IncomingReset { get; set; }

    internal void RaiseOpen() => Raise(ref _opened, () => _openHandlers);

    internal void RaiseMessage(DataChannelMessage message) => OnMessage?.Invoke(message);

    internal void RaiseClose() => Raise(ref _closed, () => _closeHandlers);

    private void Raise(ref bool happened, Func<Action?> handlers)
    {
        Action? toCall;
        lock (_events)
        {
            happened = true;
            toCall = handlers();
        }
        toCall?.Invoke();
    }

    private void Subscribe(ref Action? handlers, Action? handler, Func<bool> happened)
    {
        bool late;
        lock (_events)
        {
            handlers += handler;
            late = happened();
        }
        if (late)
        {
            handler?.Invoke();
        }
    }

    private void Unsubscribe(ref Action? handlers, Action? handler)
    {
        lock (_events)
        {
            handlers -= handler;
        }
    }

    public override string ToString() => $"DataChannel({Label}, id {Id}, {State})";
}
