using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.PeerConnection;

/// <summary>
/// The thin driver under a peer connection: carries DTLS datagrams between the <see cref="UdpTransport"/> and the
/// sans-IO <see cref="DataChannelTransport"/>, and runs the latter's timers on one task. Holds no protocol logic.
/// </summary>
internal sealed class PeerTransportDriver : IAsyncDisposable
{
    private readonly UdpTransport udp;
    private readonly DataChannelTransport data;
    private readonly DtlsRole role;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly CancellationTokenSource stop = new();
    private int wakePending;
    private int dtlsStarted;
    private Task loop = Task.CompletedTask;

    public PeerTransportDriver(UdpTransport udp, DataChannelTransport data, DtlsRole role, TimeProvider time)
    {
        this.udp = udp;
        this.data = data;
        this.role = role;
        this.time = time;
        udp.DatagramReceived += OnDatagram;
        data.TransmitReady += Wake;
    }

    private TimeSpan Now => WebRtcClock.Now(time);

    public void Start(IceCredentials remoteIce, IEnumerable<IceCandidate> remoteCandidates)
    {
        // The DTLS server only waits for a ClientHello, so it starts at once: a ClientHello racing the ICE
        // Connected event must not be dropped. The client starts once ICE has a path, or its first flight is lost.
        if (role == DtlsRole.Server)
        {
            StartDtls();
        }
        udp.SetRemote(remoteIce, remoteCandidates);
        udp.Start();
        loop = Task.Run(RunAsync);
    }

    public async ValueTask CloseAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }
        // SCTP ABORT and close_notify go out before the socket closes, so the peer learns at once.
        data.Close(Now);
        Flush();
        await stop.CancelAsync();
        await loop;
        data.Dispose();
        await udp.DisposeAsync();
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private async Task RunAsync()
    {
        CancellationToken token = stop.Token;
        try
        {
            await udp.Connected.WaitAsync(token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return; // ICE failed or closed: the peer connection reports that from the ICE state.
        }
        StartDtls();
        while (!token.IsCancellationRequested)
        {
            Volatile.Write(ref wakePending, 0);
            TimeSpan now = Now;
            if (data.PollTimeout() is { } due && due <= now)
            {
                data.HandleTimeout(now);
            }
            Flush();
            TimeSpan delay = data.PollTimeout() is { } next ? Clamp(next - Now) : Timeout.InfiniteTimeSpan;
            try
            {
                await wake.WaitAsync(delay, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

    private void StartDtls()
    {
        if (Interlocked.Exchange(ref dtlsStarted, 1) == 0)
        {
            data.Start(Now);
            Flush();
        }
    }

    private void OnDatagram(byte[] datagram, System.Net.IPEndPoint from)
    {
        if (PacketClassifier.Classify(datagram) != PacketKind.Dtls)
        {
            return; // RTP/RTCP: media is not handled yet.
        }
        data.HandleDatagram(datagram, Now);
        Flush();
        Wake(); // the datagram may have moved an SCTP timer
    }

    private void Flush()
    {
        while (data.TryPollTransmit(out byte[] datagram))
        {
            udp.Send(datagram);
        }
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref wakePending, 1) == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled; the loop will run anyway.
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
