using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Realtime.WebRtc.Ice;

/// <summary>
/// The thin driver around an <see cref="IceAgent"/>: one UDP socket per host address, a receive loop per socket,
/// and a single pump task that owns the agent (so the agent needs no locks). STUN goes to the agent; every other
/// datagram is handed to <see cref="DatagramReceived"/> straight from the receive loop, for DTLS/SRTP.
/// Events are raised on the pump task.
/// </summary>
public sealed class UdpTransport : IAsyncDisposable
{
    private readonly IceAgent _agent;
    private readonly TimeProvider _time;
    private readonly Dictionary<IPEndPoint, Socket> _sockets;
    private readonly Channel<Action<TimeSpan>> _inbox = Channel.CreateUnbounded<Action<TimeSpan>>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile SendPath? _path;
    private volatile IceCandidatePair? _selected;
    private volatile IceConnectionState _state;
    private Task[] _loops = [];
    private int _disposed;

    private UdpTransport(IceAgent agent, Dictionary<IPEndPoint, Socket> sockets, TimeProvider time)
    {
        _agent = agent;
        _sockets = sockets;
        _time = time;
        LocalCandidates = sockets.Keys.Select(agent.AddHostCandidate).ToArray();
        // Nobody has to await Connected; observe its failure so it is not reported as unobserved.
        _connected.Task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Non-STUN datagrams (DTLS, SRTP) and their source. Raised on a receive loop; the array is the handler's.</summary>
    public event Action<byte[], IPEndPoint>? DatagramReceived;

    /// <summary>Agent events, raised on the pump task after the send path has been updated.</summary>
    public event Action<IceEvent>? EventRaised;

    public IReadOnlyList<IceCandidate> LocalCandidates { get; }
    public IceCredentials LocalCredentials => _agent.LocalCredentials;
    public IceConnectionState State => _state;
    public IceCandidatePair? SelectedPair => _selected;

    /// <summary>Completes when the agent first connects; faults if it fails or closes first.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Binds a UDP socket on port 0 of each address (loopback by default) and registers the host candidates.</summary>
    public static UdpTransport Bind(IceAgent agent, IEnumerable<IPAddress>? addresses = null, TimeProvider? time = null)
    {
        var sockets = new Dictionary<IPEndPoint, Socket>();
        foreach (IPAddress address in addresses ?? HostAddresses.Loopback)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            // Bulk data-channel transfers arrive in bursts; the kernel default buffer drops some of them.
            socket.ReceiveBufferSize = 1 << 20;
            socket.Bind(new IPEndPoint(address, 0));
            sockets[(IPEndPoint)socket.LocalEndPoint!] = socket;
        }
        return new UdpTransport(agent, sockets, time ?? TimeProvider.System);
    }

    public void Start()
    {
        CancellationToken stop = _stop.Token;
        _loops = [.. _sockets.Select(s => Task.Run(() => ReceiveLoopAsync(s.Key, s.Value, stop))), Task.Run(() => PumpAsync(stop))];
    }

    /// <summary>Hands the remote description's ICE parameters to the agent.</summary>
    public void SetRemote(IceCredentials credentials, IEnumerable<IceCandidate> candidates)
    {
        IceCandidate[] list = [.. candidates];
        Post(_ =>
        {
            _agent.SetRemoteCredentials(credentials);
            foreach (IceCandidate candidate in list)
            {
                _agent.AddRemoteCandidate(candidate);
            }
        });
    }

    /// <summary>Sends application data over the active pair; false when there is none yet (or any more).</summary>
    public bool Send(ReadOnlySpan<byte> datagram)
    {
        if (_path is not { } path)
        {
            return false;
        }
        try
        {
            path.Socket.SendTo(datagram, SocketFlags.None, path.Remote);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        foreach (Socket socket in _sockets.Values)
        {
            socket.Dispose();
        }
        await Task.WhenAll(_loops);
        _agent.Close();
        _path = null;
        _state = IceConnectionState.Closed;
        _connected.TrySetException(new IOException("The ICE transport was closed."));
        _stop.Dispose();
    }

    private void Post(Action<TimeSpan> work) => _inbox.Writer.TryWrite(work);

    private async Task PumpAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TimeSpan now = WebRtcClock.Now(_time);
            while (_inbox.Reader.TryRead(out Action<TimeSpan>? work))
            {
                work(now);
            }
            if (_agent.PollTimeout() <= now)
            {
                _agent.HandleTimeout(now);
            }
            Flush();
            await WaitForWorkAsync(_agent.PollTimeout(), now, stop);
        }
    }

    private async Task WaitForWorkAsync(TimeSpan? due, TimeSpan now, CancellationToken stop)
    {
        TimeSpan delay = due is { } d ? d - now : Timeout.InfiniteTimeSpan;
        if (due is not null && delay <= TimeSpan.Zero)
        {
            return;
        }
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task inbox = _inbox.Reader.WaitToReadAsync(wake.Token).AsTask();
        await Task.WhenAny(inbox, Task.Delay(delay, _time, wake.Token));
        await wake.CancelAsync();
    }

    private void Flush()
    {
        while (_agent.TryPollTransmit(out IceTransmit transmit))
        {
            SendTo(transmit);
        }
        IceCandidatePair? active = _agent.ActivePair;
        _path = active is null ? null : new SendPath(_sockets[active.Local.EndPoint!], active.Remote.EndPoint!);
        _selected = _agent.SelectedPair;
        while (_agent.TryPollEvent(out IceEvent? iceEvent))
        {
            Observe(iceEvent);
            EventRaised?.Invoke(iceEvent);
        }
    }

    private void Observe(IceEvent iceEvent)
    {
        if (iceEvent is not IceStateChangedEvent { State: var state })
        {
            return;
        }
        _state = state;
        if (state == IceConnectionState.Connected)
        {
            _connected.TrySetResult();
        }
        else if (state is IceConnectionState.Failed or IceConnectionState.Closed)
        {
            _connected.TrySetException(new IOException($"ICE {state.ToString().ToLowerInvariant()} before connecting."));
        }
    }

    private void SendTo(IceTransmit transmit)
    {
        try
        {
            _sockets[transmit.Source].SendTo(transmit.Payload, SocketFlags.None, transmit.Destination);
        }
        catch (SocketException)
        {
            // Like a lost packet: checks are retransmitted, consent notices the silence.
        }
    }

    private async Task ReceiveLoopAsync(IPEndPoint local, Socket socket, CancellationToken stop)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(local.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                continue; // an ICMP error for an earlier send; the socket is fine
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Dispatch(local, (IPEndPoint)received.RemoteEndPoint, buffer.AsSpan(0, received.ReceivedBytes).ToArray());
        }
    }

    private void Dispatch(IPEndPoint local, IPEndPoint remote, byte[] datagram)
    {
        if (PacketClassifier.Classify(datagram) == PacketKind.Stun)
        {
            Post(now => _agent.HandleReceive(now, local, remote, datagram));
        }
        else
        {
            DatagramReceived?.Invoke(datagram, remote);
        }
    }

    private sealed record SendPath(Socket Socket, IPEndPoint Remote);
}
