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
    private readonly object gate = new();
    private readonly object dispatch = new();
    private readonly DtlsEndpoint dtls;
    private readonly SctpAssociation sctp;
    private readonly DataChannelManager channels;
    private TimeSpan now;
    private bool sctpStarted;

    public DataChannelTransport(DtlsRole role, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, DataChannelTransportOptions? options = null)
    {
        options ??= new DataChannelTransportOptions();
        dtls = new DtlsEndpoint(role, certificate, remoteFingerprint, options.Dtls);
        dtls.OutputReady += () => TransmitReady?.Invoke();
        sctp = new SctpAssociation(options.Sctp);
        channels = new DataChannelManager(sctp, role, options.RemoteMaxMessageSize, this)
        {
            ChannelOpenedByPeer = channel => OnDataChannel?.Invoke(channel),
        };
    }

    /// <summary>The DTLS layer, for its state and the SRTP keying material.</summary>
    public DtlsEndpoint Dtls => dtls;


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
    public void Start(TimeSpan now) => Step(now, () => dtls.Start(now));

    public void HandleDatagram(ReadOnlySpan<byte> datagram, TimeSpan now)
    {
        byte[] copy = datagram.ToArray();
        Step(now, () => dtls.HandleDatagram(copy, now));
    }

    public void HandleTimeout(TimeSpan now) => Step(now, () =>
    {
        if (sctpStarted)
        {
            sctp.HandleTimeout(now);
        }
    });

    /// <summary>When SCTP next needs <see cref="HandleTimeout"/>; DTLS handshake timers run inside BouncyCastle.</summary>
    public TimeSpan? PollTimeout()
    {
        lock (gate)
        {
            return sctpStarted ? sctp.PollTimeout() : null;
        }
    }

    public bool TryPollTransmit(out byte[] datagram) => dtls.TryPollTransmit(out datagram);

    public DataChannel CreateDataChannel(string label, DataChannelInit? init = null)
    {
        DataChannel channel;
        lock (gate)
        {
            channel = channels.Create(label, init ?? new DataChannelInit());
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
            sctp.Abort("peer connection closed");
            FlushSctp();
            dtls.Close();
        });
    }

    public void Dispose() => Close(now);

    void IDataChannelHost.Send(DataChannel channel, uint ppid, ReadOnlySpan<byte> payload)
    {
        lock (gate)
        {
            channels.Send(channel, ppid, payload);
            Pump();
        }
        AfterUserCall();
    }

    void IDataChannelHost.Close(DataChannel channel)
    {
        lock (gate)
        {
            channels.Close(channel);
            Pump();
        }
        AfterUserCall();
    }

    long IDataChannelHost.BufferedAmount(DataChannel channel)
    {
        lock (gate)
        {
            return sctp.BufferedAmount(channel.Id);
        }
    }

    private void Step(TimeSpan now, Action action)
    {
        lock (gate)
        {
            this.now = now;
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
        if (!sctpStarted && dtls.State == DtlsState.Connected)
        {
            sctpStarted = true;
            sctp.Connect(now);
        }
        while (dtls.TryPollReceived(out byte[] packet))
        {
            sctp.HandlePacket(packet, now);
        }
        while (sctp.TryPollEvent(out SctpEvent sctpEvent))
        {
            channels.Handle(sctpEvent);
        }
        FlushSctp();
        UpdateState();
    }

    private void FlushSctp()
    {
        while (sctp.TryPollTransmit(out byte[] packet))
        {
            if (dtls.State == DtlsState.Connected)
            {
                dtls.Send(packet);
            }
        }
    }

    private void UpdateState()
    {
        DataChannelTransportState next = dtls.State switch
        {
            DtlsState.New => DataChannelTransportState.New,
            DtlsState.Failed => DataChannelTransportState.Failed,
            DtlsState.Closed => DataChannelTransportState.Closed,
            _ when sctp.State is not (SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed) => DataChannelTransportState.Connected,
            _ when sctpStarted && sctp.State == SctpAssociationState.Closed && State == DataChannelTransportState.Connected => DataChannelTransportState.Closed,
            _ => State == DataChannelTransportState.Closed ? State : DataChannelTransportState.Connecting,
        };
        if (next != State)
        {
            State = next;
            if (next is DataChannelTransportState.Closed or DataChannelTransportState.Failed)
            {
                channels.CloseAll();
            }
            channels.Defer(() => OnStateChange?.Invoke(next));
        }
    }

    /// <summary>
    /// Runs queued user callbacks in order, one thread at a time: the driver may call in from a receive loop and
    /// a timer task at once, and messages must still reach handlers in sequence. A thread that finds another
    /// dispatching leaves its callbacks to it; a callback that re-enters (say, Send from OnMessage) does not nest.
    /// </summary>
    private void RunCallbacks()
    {
        while (!Monitor.IsEntered(dispatch) && Monitor.TryEnter(dispatch))
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
                Monitor.Exit(dispatch);
            }
            lock (gate)
            {
                if (!channels.HasCallbacks)
                {
                    return; // Anything queued after this check finds the dispatch lock free.
                }
            }
        }
    }

    private Action? TakeCallback()
    {
        lock (gate)
        {
            return channels.TryTakeCallback(out Action callback) ? callback : null;
        }
    }
}
