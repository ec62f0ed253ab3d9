using Realtime.WebRtc.Dtls;

namespace Realtime.WebRtc.Tests.Dtls;

/// <summary>
/// A DTLS client and server joined in memory. Every driver call returns once the worker has digested it, so
/// the pump shuttles until nothing moves; only BouncyCastle's own wall-clock retransmission timer produces
/// datagrams between calls, and the pump then waits for its <see cref="DtlsEndpoint.OutputReady"/> signal.
/// </summary>
internal sealed class DtlsPair : IDisposable
{
    // Not disposed: a late retransmission signal from the thread pool must not find it gone.
    private readonly SemaphoreSlim _outputReady = new(0);

    public DtlsPair(DtlsOptions? clientOptions = null, DtlsOptions? serverOptions = null, DtlsFingerprint? clientExpects = null, DtlsFingerprint? serverExpects = null)
    {
        ClientCertificate = DtlsCertificate.Generate();
        ServerCertificate = DtlsCertificate.Generate();
        Client = new DtlsEndpoint(DtlsRole.Client, ClientCertificate, clientExpects ?? ServerCertificate.Fingerprint, clientOptions);
        Server = new DtlsEndpoint(DtlsRole.Server, ServerCertificate, serverExpects ?? ClientCertificate.Fingerprint, serverOptions);
        Client.OutputReady += () => _outputReady.Release();
        Server.OutputReady += () => _outputReady.Release();
    }

    public DtlsCertificate ClientCertificate { get; }
    public DtlsCertificate ServerCertificate { get; }
    public DtlsEndpoint Client { get; }
    public DtlsEndpoint Server { get; }

    /// <summary>Decides whether a datagram from the client (true) or server (false) is lost.</summary>
    public Func<bool, byte[], bool>? Drop { get; set; }

    public List<byte[]> ReceivedByClient { get; } = [];
    public List<byte[]> ReceivedByServer { get; } = [];

    public void Start()
    {
        Server.Start(TimeSpan.Zero);
        Client.Start(TimeSpan.Zero);
    }

    /// <summary>Shuttles datagrams until <paramref name="done"/> holds or the wall-clock limit passes.</summary>
    public bool PumpUntil(Func<bool> done, double seconds = 10)
    {
        long deadline = Environment.TickCount64 + (long)(seconds * 1000);
        while (!done())
        {
            if (!Shuttle() && !_outputReady.Wait(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64))))
            {
                return done();
            }
        }
        return true;
    }

    public bool Connected() => Client.State == DtlsState.Connected && Server.State == DtlsState.Connected;

    private bool Shuttle()
    {
        bool moved = Move(Client, Server, true) | Move(Server, Client, false);
        Collect(Client, ReceivedByClient);
        Collect(Server, ReceivedByServer);
        return moved;
    }

    private bool Move(DtlsEndpoint from, DtlsEndpoint to, bool fromClient)
    {
        bool moved = false;
        while (from.TryPollTransmit(out byte[] datagram))
        {
            moved = true;
            if (Drop?.Invoke(fromClient, datagram) != true)
            {
                to.HandleDatagram(datagram, TimeSpan.Zero);
            }
        }
        return moved;
    }

    private static void Collect(DtlsEndpoint endpoint, List<byte[]> into)
    {
        while (endpoint.TryPollReceived(out byte[] data))
        {
            into.Add(data);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
