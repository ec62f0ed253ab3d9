using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Tests.Sctp;

namespace Realtime.WebRtc.Tests.DataChannels;

/// <summary>
/// Two full DTLS + SCTP + DCEP stacks (side 0 DTLS client, side 1 DTLS server) over a <see cref="LossyLink"/>.
/// SCTP runs on the fake clock. The DTLS handshake runs in BouncyCastle's real time, so until both ends are
/// connected the pump waits for a side's <see cref="DataChannelTransport.TransmitReady"/> (a flight
/// retransmission) instead of fast-forwarding SCTP timers past it.
/// </summary>
internal sealed class StackPair : IDisposable
{
    // Not disposed: a late retransmission signal from the thread pool must not find it gone.
    private readonly SemaphoreSlim _transmitReady = new(0);

    public StackPair(LossyLink link, DataChannelTransportOptions? options = null)
    {
        Link = link;
        options ??= new DataChannelTransportOptions
        {
            Dtls = new DtlsOptions { HandshakeResendInterval = TimeSpan.FromMilliseconds(50) },
        };
        DtlsCertificate clientCertificate = DtlsCertificate.Generate(), serverCertificate = DtlsCertificate.Generate();
        Sides =
        [
            new DataChannelTransport(DtlsRole.Client, clientCertificate, serverCertificate.Fingerprint, options),
            new DataChannelTransport(DtlsRole.Server, serverCertificate, clientCertificate.Fingerprint, options),
        ];
        for (int i = 0; i < 2; i++)
        {
            int side = i;
            Sides[i].OnDataChannel += channel => Remote[side].Add(channel);
            Sides[i].TransmitReady += () => _transmitReady.Release();
        }
    }

    public LossyLink Link { get; }
    public DataChannelTransport[] Sides { get; }
    public DataChannelTransport Client => Sides[0];
    public DataChannelTransport Server => Sides[1];
    public List<DataChannel>[] Remote { get; } = [[], []];
    public TimeSpan Now { get; private set; } = TimeSpan.FromSeconds(1);

    public void Start()
    {
        Server.Start(Now);
        Client.Start(Now);
    }

    public bool Connected() => Client.State == DataChannelTransportState.Connected && Server.State == DataChannelTransportState.Connected;

    public bool RunUntil(Func<bool> done, TimeSpan? virtualLimit = null, double wallSeconds = 20)
    {
        TimeSpan deadline = Now + (virtualLimit ?? TimeSpan.FromMinutes(10));
        long wallDeadline = Environment.TickCount64 + (long)(wallSeconds * 1000);
        while (true)
        {
            Drain();
            if (done())
            {
                return true;
            }
            if (Link.TryReceive(Now, out int to, out byte[] datagram))
            {
                Sides[to].HandleDatagram(datagram, Now);
                continue;
            }
            TimeSpan? next = NextEvent();
            if (next is null || !BothDtlsConnected() && next > Now + TimeSpan.FromMilliseconds(100))
            {
                if (!_transmitReady.Wait(TimeSpan.FromMilliseconds(Math.Max(0, wallDeadline - Environment.TickCount64))))
                {
                    return done();
                }
                continue;
            }
            if (next > deadline)
            {
                return done();
            }
            Now = next.Value > Now ? next.Value : Now;
            Client.HandleTimeout(Now);
            Server.HandleTimeout(Now);
        }
    }

    private bool BothDtlsConnected() => Client.Dtls.State == DtlsState.Connected && Server.Dtls.State == DtlsState.Connected;

    private TimeSpan? NextEvent() =>
        new[] { Link.NextDelivery, Client.PollTimeout(), Server.PollTimeout() }.Where(t => t is not null).DefaultIfEmpty(null).Min();

    private void Drain()
    {
        for (int i = 0; i < 2; i++)
        {
            while (Sides[i].TryPollTransmit(out byte[] datagram))
            {
                Link.Send(i, datagram, Now);
            }
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
