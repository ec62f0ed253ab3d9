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
    private readonly UdpTransport _udp;
    private readonly DataChannelTransport _data;
    private readonly DtlsRole _role;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _wakePending;
    private int _dtlsStarted;
    private Task _loop = Task.CompletedTask;

    public PeerTransportDriver(UdpTransport udp, DataChannelTransport data, DtlsRole role, TimeProvider time)
    {
        _udp = udp;
        _data = data;
        _role = role;
        _time = time;
        udp.DatagramReceived += OnDatagram;
        data.TransmitReady += Wake;
    }

    private TimeSpan Now => WebRtcClock.Now(_time);

    public void Start(IceCredentials remoteIce, IEnumerable<IceCandidate> remoteCandidates)
    {
        // The DTLS server only waits for a ClientHello, so it starts at once: a ClientHello racing the ICE
        // Connected event must not be dropped. The client starts once ICE has a path, or its first flight is lost.
        if (_role == DtlsRole.Server)
        {
            StartDtls();
        }
        _udp.SetRemote(remoteIce, remoteCandidates);
        _udp.Start();
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask CloseAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        // SCTP ABORT and close_notify go out before the socket closes, so the peer learns at once.
        _data.Close(Now);
        Flush();
        await _stop.CancelAsync();
        await _loop;
        _data.Dispose();
        await _udp.DisposeAsync();
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private async Task RunAsync()
    {
        CancellationToken token = _stop.Token;
        try
        {
            await _udp.Connected.WaitAsync(token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return; // ICE failed or closed: the peer connection reports that from the ICE state.
        }
        StartDtls();
        while (!token.IsCancellationRequested)
        {
            Volatile.Write(ref _wakePending, 0);
            TimeSpan now = Now;
            if (_data.PollTimeout() is { } due && due <= now)
            {
                _data.HandleTimeout(now);
            }
            Flush();
            TimeSpan delay = _data.PollTimeout() is { } next ? Clamp(next - Now) : Timeout.InfiniteTimeSpan;
            try
            {
                await _wake.WaitAsync(delay, token);
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
        if (Interlocked.Exchange(ref _dtlsStarted, 1) == 0)
        {
            _data.Start(Now);
            Flush();
        }
    }

    private void OnDatagram(byte[] datagram, System.Net.IPEndPoint from)
    {
        if (PacketClassifier.Classify(datagram) != PacketKind.Dtls)
        {
            return; // RTP/RTCP: this stack carries data channels only.
        }
        _data.HandleDatagram(datagram, Now);
        Flush();
        Wake(); // the datagram may have moved an SCTP timer
    }

    private void Flush()
    {
        while (_data.TryPollTransmit(out byte[] datagram))
        {
            _udp.Send(datagram);
        }
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            try
            {
                _wake.Release();
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
