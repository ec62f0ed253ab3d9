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

    private readonly object gate = new();
    private readonly QueuedDatagramTransport wire;
    private readonly DtlsHandshakePolicy policy;
    private readonly TlsPeer peer;
    private readonly Queue<byte[]> received = new();
    private DtlsTransport? transport;
    private bool closeRequested;

    public DtlsEndpoint(DtlsRole role, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, DtlsOptions? options = null)
    {
        options ??= new DtlsOptions();
        var crypto = new BcTlsCrypto(new SecureRandom());
        Role = role;
        RemoteFingerprint = remoteFingerprint;
        wire = new QueuedDatagramTransport(options.MaxDatagramSize);
        wire.SentUnprompted += RaiseOutputReady;
        policy = new DtlsHandshakePolicy(role, certificate, remoteFingerprint, options, crypto);
        peer = role == DtlsRole.Client ? new WebRtcDtlsClient(crypto, policy) : new WebRtcDtlsServer(crypto, policy);
    }

    public DtlsRole Role { get; }
    public DtlsFingerprint RemoteFingerprint { get; }
    public DtlsState State { get; private set; } = DtlsState.New;

    /// <summary>Why the handshake or connection failed, when <see cref="State"/> is <see cref="DtlsState.Failed"/>.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The negotiated profile and SRTP master keys; null until connected or when use_srtp was not negotiated.</summary>
    public SrtpKeyingMaterial? SrtpKeys => policy.SrtpKeys;

    /// <summary>The peer's DER certificate once it has been checked against the fingerprint.</summary>
    public byte[]? RemoteCertificate => policy.PeerCertificate;

    /// <summary>
    /// Raised from a thread-pool thread when datagrams appeared without a call in progress (flight
    /// retransmission by BouncyCastle's timer). Poll <see cref="TryPollTransmit"/> in response.
    /// </summary>
    public event Action? OutputReady;

    /// <summary>Begins the handshake: the client sends its ClientHello, the server waits for one.</summary>
    public void Start(TimeSpan now)
    {
        lock (gate)
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
        RunDriverCall(() => wire.Deliver(copy));
    }

    /// <summary>Takes the next datagram to put on the wire.</summary>
    public bool TryPollTransmit(out byte[] datagram) => wire.TryTakeOutbound(out datagram);

    /// <summary>Takes the next decrypted application-data record.</summary>
    public bool TryPollReceived(out byte[] data)
    {
        lock (gate)
        {
            return received.TryDequeue(out data!);
        }
    }

    /// <summary>
    /// Encrypts one application-data record; it is ready in <see cref="TryPollTransmit"/> on return. Returns
    /// false, and leaves the endpoint failed, if the record layer refuses (it has already failed or closed).
    /// </summary>
    public bool Send(ReadOnlySpan<byte> data)
    {
        DtlsTransport connected = transport ?? throw new InvalidOperationException("DTLS is not connected.");
        wire.EnterDriverCall();
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
            wire.ExitDriverCall();
        }
    }

    /// <summary>Sends close_notify (when connected) and stops the worker.</summary>
    public void Close()
    {
        DtlsTransport? connected;
        bool started;
        lock (gate)
        {
            if (State is DtlsState.Closed or DtlsState.Failed)
            {
                return;
            }
            closeRequested = true;
            connected = transport;
            started = State != DtlsState.New;
            State = DtlsState.Closed;
        }
        if (!started)
        {
            wire.Close(); // No worker to wait for.
            return;
        }
        RunDriverCall(() =>
        {
            connected?.Close();
            wire.Close();
        });
    }

    public void Dispose() => Close();

    private void RunDriverCall(Action action)
    {
        wire.EnterDriverCall();
        try
        {
            action();
            wire.WaitIdle(IdleLimit);
        }
        finally
        {
            wire.ExitDriverCall();
        }
    }

    private void RunWorker()
    {
        try
        {
            DtlsTransport connected = Handshake();
            lock (gate)
            {
                transport = connected;
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
            wire.MarkWorkerExited();
        }
    }

    // Accept(server, transport) without a DtlsRequest takes the path that reassembles a fragmented
    // ClientHello; the DtlsVerifier/HelloVerifyRequest shortcut only understands single-record ones.
    private DtlsTransport Handshake() => peer is TlsClient client
        ? new DtlsClientProtocol().Connect(client, wire)
        : new DtlsServerProtocol().Accept((TlsServer)peer, wire);

    private void ReadApplicationData(DtlsTransport connected)
    {
        var buffer = new byte[connected.GetReceiveLimit()];
        while (true)
        {
            // 0 means no timeout: the wire blocks until a datagram arrives or it is closed.
            int length = connected.Receive(buffer, 0, buffer.Length, 0);
            if (length >= 0)
            {
                lock (gate)
                {
                    received.Enqueue(buffer.AsSpan(0, length).ToArray());
                }
            }
        }
    }

    private void OnConnectionLost(Exception error)
    {
        lock (gate)
        {
            if (closeRequested || policy.PeerSentCloseNotify)
            {
                State = DtlsState.Closed;
                return;
            }
            State = DtlsState.Failed;
            FailureReason = policy.AlertDescriptionText ?? error.Message;
        }
        wire.Close();
    }

    private void RaiseOutputReady()
    {
        if (OutputReady is { } handler)
        {
            ThreadPool.QueueUserWorkItem(_ => handler());
        }
    }
}
