using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Media;

namespace Realtime.WebRtc.PeerConnection;

/// <summary>
/// The thin driver under a peer connection: demultiplexes the one socket by first byte (RFC 7983), DTLS to the
/// sans-IO <see cref="DataChannelTransport"/> and SRTP/SRTCP to the <see cref="AudioSession"/> (keyed once DTLS has
/// exported its keys), runs both one's timers on one task and hands played audio frames to the receiver. Holds no
/// protocol logic.
/// </summary>
internal sealed class PeerTransportDriver : IAsyncDisposable
{
    private readonly UdpTransport _udp;
    private readonly DataChannelTransport _data;
    private readonly DtlsRole _role;
    private readonly TimeProvider _time;
    private readonly RtcAudioTransceiver? _audio;
    private readonly AudioSession? _media;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _wakePending;
    private int _dtlsStarted;
    private Task _loop = Task.CompletedTask;

    public PeerTransportDriver(UdpTransport udp, DataChannelTransport data, DtlsRole role, TimeProvider time, RtcAudioTransceiver? audio = null)
    {
        _udp = udp;
        _data = data;
        _role = role;
        _time = time;
        _audio = audio;
        _media = audio?.Session;
        if (_media is not null)
        {
            audio!.Sender.Attach(_media, Flush);
        }
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
        // RTCP BYE, SCTP ABORT and close_notify go out before the socket closes, so the peer learns at once.
        _media?.Close(Now);
        _data.Close(Now);
        Flush();
        await _stop.CancelAsync();
        await _loop;
        _audio?.Sender.OnClosed();
        _data.Dispose();
        _media?.Dispose();
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
            KeyMedia();
            if (_media?.PollTimeout() is { } mediaDue && mediaDue <= now)
            {
                _media.HandleTimeout(now);
            }
            Flush();
            DeliverFrames();
            TimeSpan delay = NextTimeout() is { } next ? Clamp(next - Now) : Timeout.InfiniteTimeSpan;
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

    private TimeSpan? NextTimeout() =>
        new[] { _data.PollTimeout(), _media?.PollTimeout() }.Where(t => t is not null).DefaultIfEmpty(null).Min();

    /// <summary>Keys SRTP once, as soon as the DTLS handshake has exported the keys (the loop is woken by every datagram).</summary>
    private void KeyMedia()
    {
        if (_media is null || _media.IsKeyed || _data.Dtls.SrtpKeys is not { } keys)
        {
            return;
        }
        _media.Key(keys, Now);
        _audio!.Sender.OnKeyed();
    }

    private void DeliverFrames()
    {
        while (_media is not null && _media.TryPollFrame(out RtcAudioFrame frame))
        {
            _audio!.Receiver.Deliver(frame);
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
        switch (PacketClassifier.Classify(datagram))
        {
            case PacketKind.Dtls:
                _data.HandleDatagram(datagram, Now);
                break;
            case PacketKind.RtpOrRtcp when _media is not null:
                _media.HandleDatagram(datagram, Now);
                break;
            default:
                return; // ZRTP, TURN channel data or noise: nothing here speaks them
        }
        Flush();
        Wake(); // the datagram may have moved a timer, finished DTLS (keys) or started playout
    }

    private void Flush()
    {
        while (_data.TryPollTransmit(out byte[] datagram))
        {
            _udp.Send(datagram);
        }
        while (_media is not null && _media.TryPollTransmit(out byte[] packet))
        {
            _udp.Send(packet);
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
