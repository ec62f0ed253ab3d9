using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Realtime.WebRtc.Dtls;

/// <summary>
/// One DTLS 1.2 association (RFC 6347) in either role, presented sans-IO: feed it datagrams, poll the
/// datagrams it wants sent and the application data it decrypted.
/// <para>
/// BouncyCastle's DTLS is blocking, so the handshake and the record reader run on a worker thread behind a
/// <see cref="QueuedDatagramTransport"/>. Every call here waits until the worker has digested its input, so
/// after <see cref="HandleDatagram"/> returns its consequences are ready to poll. BouncyCastle keeps its own
/// (wall-clock) flight retransmission timer; when it fires, <see cref="OutputReady"/> tells the driver to poll.
/// </para>
/// </summary>
public sealed class DtlsEndpoint : IDisposable
{
    // Generous: a handshake step costs a few milliseconds of ECDH/ECDSA; this only guards against a stuck worker.
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly QueuedDatagramTransport _wire;
    private readonly DtlsHandshakePolicy _policy;
    private readonly TlsPeer _peer;
    private readonly Queue<byte[]> _received = new();
    private DtlsTransport? _transport;
    private bool _closeRequested;

    public DtlsEndpoint(DtlsRole role, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, DtlsOptions? options = null)
    {
        options ??= new DtlsOptions();
        var crypto = new BcTlsCrypto(new SecureRandom());
        Role = role;
        _wire = new QueuedDatagramTransport(options.MaxDatagramSize);
        _wire.SentUnprompted += RaiseOutputReady;
        _policy = new DtlsHandshakePolicy(role, certificate, remoteFingerprint, options, crypto);
        _peer = role == DtlsRole.Client ? new WebRtcDtlsClient(crypto, _policy) : new WebRtcDtlsServer(crypto, _policy);
    }

    public DtlsRole Role { get; }
    public DtlsState State { get; private set; } = DtlsState.New;

    /// <summary>Why the handshake or connection failed, when <see cref="State"/> is <see cref="DtlsState.Failed"/>.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The negotiated profile and SRTP master keys; null until connected or when use_srtp was not negotiated.</summary>
    public SrtpKeyingMaterial? SrtpKeys => _policy.SrtpKeys;

    /// <summary>The peer's DER certificate once it has been checked against the fingerprint.</summary>
    public byte[]? RemoteCertificate => _policy.PeerCertificate;

    /// <summary>
    /// Raised from a thread-pool thread when datagrams appeared without a call in progress (flight
    /// retransmission by BouncyCastle's timer). Poll <see cref="TryPollTransmit"/> in response.
    /// </summary>
    public event Action? OutputReady;

    /// <summary>Begins the handshake: the client sends its ClientHello, the server waits for one.</summary>
    public void Start(TimeSpan now)
    {
        lock (_gate)
        {
            if (State != DtlsState.New)
            {
                return;
            }
            State = DtlsState.Connecting;
        }
        var worker = new Thread(RunWorker) { IsBackground = true, Name = $"dtls-{Role.ToString().ToLowerInvariant()}" };
        RunDriverCall(worker.Start);
    }

    /// <summary>Feeds one datagram whose first byte is 20–63 (RFC 7983) and waits until the worker has processed it.</summary>
    public void HandleDatagram(ReadOnlySpan<byte> datagram, TimeSpan now)
    {
        if (State is DtlsState.New or DtlsState.Closed or DtlsState.Failed)
        {
            return;
        }
        byte[] copy = datagram.ToArray();
        RunDriverCall(() => _wire.Deliver(copy));
    }

    /// <summary>Takes the next datagram to put on the wire.</summary>
    public bool TryPollTransmit(out byte[] datagram) => _wire.TryTakeOutbound(out datagram);

    /// <summary>Takes the next decrypted application-data record.</summary>
    public bool TryPollReceived(out byte[] data)
    {
        lock (_gate)
        {
            return _received.TryDequeue(out data!);
        }
    }

    /// <summary>
    /// Encrypts one application-data record; it is ready in <see cref="TryPollTransmit"/> on return. Returns
    /// false, and leaves the endpoint failed, if the record layer refuses (it has already failed or closed).
    /// </summary>
    public bool Send(ReadOnlySpan<byte> data)
    {
        DtlsTransport connected = _transport ?? throw new InvalidOperationException("DTLS is not connected.");
        _wire.EnterDriverCall();
        try
        {
            connected.Send(data);
            return true;
        }
        catch (IOException error)
        {
            OnConnectionLost(error);
            return false;
        }
        finally
        {
            _wire.ExitDriverCall();
        }
    }

    /// <summary>Sends close_notify (when connected) and stops the worker.</summary>
    public void Close()
    {
        DtlsTransport? connected;
        bool started;
        lock (_gate)
        {
            if (State is DtlsState.Closed or DtlsState.Failed)
            {
                return;
            }
            _closeRequested = true;
            connected = _transport;
            started = State != DtlsState.New;
            State = DtlsState.Closed;
        }
        if (!started)
        {
            _wire.Close(); // No worker to wait for.
            return;
        }
        RunDriverCall(() =>
        {
            connected?.Close();
            _wire.Close();
        });
    }

    public void Dispose() => Close();

    private void RunDriverCall(Action action)
    {
        _wire.EnterDriverCall();
        try
        {
            action();
            _wire.WaitIdle(IdleLimit);
        }
        finally
        {
            _wire.ExitDriverCall();
        }
    }

    private void RunWorker()
    {
        try
        {
            DtlsTransport connected = Handshake();
            lock (_gate)
            {
                _transport = connected;
                if (State == DtlsState.Connecting)
                {
                    State = DtlsState.Connected;
                }
            }
            ReadApplicationData(connected);
        }
        catch (Exception error)
        {
            OnConnectionLost(error);
        }
        finally
        {
            _wire.MarkWorkerExited();
        }
    }

    // Accept(server, transport) without a DtlsRequest takes the path that reassembles a fragmented
    // ClientHello; the DtlsVerifier/HelloVerifyRequest shortcut only understands single-record ones.
    private DtlsTransport Handshake() => _peer is TlsClient client
        ? new DtlsClientProtocol().Connect(client, _wire)
        : new DtlsServerProtocol().Accept((TlsServer)_peer, _wire);

    private void ReadApplicationData(DtlsTransport connected)
    {
        var buffer = new byte[connected.GetReceiveLimit()];
        while (true)
        {
            // 0 means no timeout: the wire blocks until a datagram arrives or it is closed.
            int length = connected.Receive(buffer, 0, buffer.Length, 0);
            if (length >= 0)
            {
                lock (_gate)
                {
                    _received.Enqueue(buffer.AsSpan(0, length).ToArray());
                }
            }
        }
    }

    private void OnConnectionLost(Exception error)
    {
        lock (_gate)
        {
            if (_closeRequested || _policy.PeerSentCloseNotify)
            {
                State = DtlsState.Closed;
                return;
            }
            State = DtlsState.Failed;
            FailureReason = _policy.AlertDescriptionText ?? error.Message;
        }
        _wire.Close();
    }

    private void RaiseOutputReady()
    {
        if (OutputReady is { } handler)
        {
            ThreadPool.QueueUserWorkItem(_ => handler());
        }
    }
}
