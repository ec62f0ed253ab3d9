using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.DataChannels;

/// <summary>
/// The data-channel half of a peer connection: DTLS, SCTP over DTLS (RFC 8261) and DCEP, composed and driven
/// sans-IO. The owner (ICE and a socket) feeds it DTLS datagrams (first byte 20–63), calls
/// <see cref="HandleTimeout"/> at <see cref="PollTimeout"/>, and sends what <see cref="TryPollTransmit"/> yields.
/// Safe to call from several threads; user events run after the internal lock is released.
/// </summary>
public sealed class DataChannelTransport : IDataChannelHost, IDisposable
{
    private readonly object _gate = new();
    private readonly object _dispatch = new();
    private readonly DtlsEndpoint _dtls;
    private readonly SctpAssociation _sctp;
    private readonly DataChannelManager _channels;
    private TimeSpan _now;
    private bool _sctpStarted;

    public DataChannelTransport(DtlsRole role, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, DataChannelTransportOptions? options = null)
    {
        options ??= new DataChannelTransportOptions();
        _dtls = new DtlsEndpoint(role, certificate, remoteFingerprint, options.Dtls);
        _dtls.OutputReady += () => TransmitReady?.Invoke();
        _sctp = new SctpAssociation(options.Sctp);
        _channels = new DataChannelManager(_sctp, role, options.RemoteMaxMessageSize, this)
        {
            ChannelOpenedByPeer = channel => OnDataChannel?.Invoke(channel),
        };
    }

    /// <summary>The DTLS layer, for its state and the SRTP keying material.</summary>
    public DtlsEndpoint Dtls => _dtls;

    public DataChannelTransportState State { get; private set; } = DataChannelTransportState.New;

    public event Action<DataChannelTransportState>? OnStateChange;

    /// <summary>A channel opened by the peer (the browser's <c>ondatachannel</c>).</summary>
    public event Action<DataChannel>? OnDataChannel;

    /// <summary>
    /// Datagrams became ready outside a Handle call: a DTLS flight retransmission (thread pool) or a
    /// <see cref="DataChannel.Send(string)"/> from user code. Wake the driver to poll; do not block here.
    /// </summary>
    public event Action? TransmitReady;

    /// <summary>Starts DTLS; SCTP follows once it is connected, from both sides as Chromium does.</summary>
    public void Start(TimeSpan now) => Step(now, () => _dtls.Start(now));

    public void HandleDatagram(ReadOnlySpan<byte> datagram, TimeSpan now)
    {
        byte[] copy = datagram.ToArray();
        Step(now, () => _dtls.HandleDatagram(copy, now));
    }

    public void HandleTimeout(TimeSpan now) => Step(now, () =>
    {
        if (_sctpStarted)
        {
            _sctp.HandleTimeout(now);
        }
    });

    /// <summary>When SCTP next needs <see cref="HandleTimeout"/>; DTLS handshake timers run inside BouncyCastle.</summary>
    public TimeSpan? PollTimeout()
    {
        lock (_gate)
        {
            return _sctpStarted ? _sctp.PollTimeout() : null;
        }
    }

    public bool TryPollTransmit(out byte[] datagram) => _dtls.TryPollTransmit(out datagram);

    public DataChannel CreateDataChannel(string label, DataChannelInit? init = null)
    {
        DataChannel channel;
        lock (_gate)
        {
            channel = _channels.Create(label, init ?? new DataChannelInit());
            Pump();
        }
        AfterUserCall();
        return channel;
    }

    /// <summary>Ends everything at once, as a browser's <c>close()</c> does: SCTP ABORT, then DTLS close_notify.</summary>
    public void Close(TimeSpan now)
    {
        Step(now, () =>
        {
            _sctp.Abort("peer connection closed");
            FlushSctp();
            _dtls.Close();
        });
    }

    public void Dispose() => Close(_now);

    void IDataChannelHost.Send(DataChannel channel, uint ppid, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            _channels.Send(channel, ppid, payload);
            Pump();
        }
        AfterUserCall();
    }

    void IDataChannelHost.Close(DataChannel channel)
    {
        lock (_gate)
        {
            _channels.Close(channel);
            Pump();
        }
        AfterUserCall();
    }

    long IDataChannelHost.BufferedAmount(DataChannel channel)
    {
        lock (_gate)
        {
            return _sctp.BufferedAmount(channel.Id);
        }
    }

    private void Step(TimeSpan now, Action action)
    {
        lock (_gate)
        {
            _now = now;
            action();
            Pump();
        }
        RunCallbacks();
    }

    private void AfterUserCall()
    {
        RunCallbacks();
        TransmitReady?.Invoke();
    }

    /// <summary>Moves everything one layer along: decrypted records into SCTP, SCTP events into channels, SCTP packets into DTLS.</summary>
    private void Pump()
    {
        if (!_sctpStarted && _dtls.State == DtlsState.Connected)
        {
            _sctpStarted = true;
            _sctp.Connect(_now);
        }
        while (_dtls.TryPollReceived(out byte[] packet))
        {
            _sctp.HandlePacket(packet, _now);
        }
        while (_sctp.TryPollEvent(out SctpEvent sctpEvent))
        {
            _channels.Handle(sctpEvent);
        }
        FlushSctp();
        UpdateState();
    }

    private void FlushSctp()
    {
        while (_sctp.TryPollTransmit(out byte[] packet))
        {
            if (_dtls.State == DtlsState.Connected)
            {
                _dtls.Send(packet);
            }
        }
    }

    private void UpdateState()
    {
        DataChannelTransportState next = _dtls.State switch
        {
            DtlsState.New => DataChannelTransportState.New,
            DtlsState.Failed => DataChannelTransportState.Failed,
            DtlsState.Closed => DataChannelTransportState.Closed,
            _ when _sctp.State is not (SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed) => DataChannelTransportState.Connected,
            _ when _sctpStarted && _sctp.State == SctpAssociationState.Closed && State == DataChannelTransportState.Connected => DataChannelTransportState.Closed,
            _ => State == DataChannelTransportState.Closed ? State : DataChannelTransportState.Connecting,
        };
        if (next != State)
        {
            State = next;
            if (next is DataChannelTransportState.Closed or DataChannelTransportState.Failed)
            {
                _channels.CloseAll();
            }
            _channels.Defer(() => OnStateChange?.Invoke(next));
        }
    }

    /// <summary>
    /// Runs queued user callbacks in order, one thread at a time: the driver may call in from a receive loop and
    /// a timer task at once, and messages must still reach handlers in sequence. A thread that finds another
    /// dispatching leaves its callbacks to it; a callback that re-enters (say, Send from OnMessage) does not nest.
    /// </summary>
    private void RunCallbacks()
    {
        while (!Monitor.IsEntered(_dispatch) && Monitor.TryEnter(_dispatch))
        {
            try
            {
                while (TakeCallback() is { } callback)
                {
                    callback();
                }
            }
            finally
            {
                Monitor.Exit(_dispatch);
            }
            lock (_gate)
            {
                if (!_channels.HasCallbacks)
                {
                    return; // Anything queued after this check finds the dispatch lock free.
                }
            }
        }
    }

    private Action? TakeCallback()
    {
        lock (_gate)
        {
            return _channels.TryTakeCallback(out Action callback) ? callback : null;
        }
    }
}
