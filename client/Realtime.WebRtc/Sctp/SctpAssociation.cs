using System.Security.Cryptography;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// One SCTP association (RFC 9260) as a sans-IO state machine, for use over DTLS (RFC 8261): feed it packets
/// and the current time, poll the packets it wants sent, the events it raises, and when it next needs
/// <see cref="HandleTimeout"/>. Either side may <see cref="Connect"/>; an INIT is answered in any state,
/// so simultaneous opens (the WebRTC norm) resolve through the collision rules of §5.2.
/// Not thread-safe: the owner serialises calls.
/// </summary>
public sealed partial class SctpAssociation
{
    private readonly SctpOptions _options;
    private readonly byte[] _cookieKey = RandomNumberGenerator.GetBytes(32);
    private readonly Queue<SctpChunk> _control = new();
    private readonly Queue<byte[]> _transmits = new();
    private readonly Queue<SctpEvent> _events = new();
    private readonly List<SctpEvent> _delivered = [];
    private RtoEstimator _rto;
    private SctpSender _sender;
    private SctpReassembler _reassembler;
    private InboundTsnTracker? _inbound;
    private uint _localTag;
    private uint _localInitialTsn;
    private uint _peerTag;
    private bool _peerSupportsReconfig;
    private TimeSpan _now;
    private int _errorCount;
    private bool _ended;

    // Handshake and shutdown: T1 resends INIT or COOKIE-ECHO (_t1Chunk), T2 resends SHUTDOWN or SHUTDOWN-ACK.
    private readonly RetransmissionTimer _t1;
    private readonly RetransmissionTimer _t2;
    private SctpChunk? _t1Chunk;

    // Acknowledging received DATA (RFC 9260 §6.2).
    private TimeSpan? _delayedAckDeadline;
    private bool _sackDue;
    private bool _ackNow;
    private int _packetsSinceSack;

    // Heartbeats (RFC 9260 §8.3).
    private TimeSpan? _heartbeatDeadline;
    private (ulong Nonce, TimeSpan SentAt)? _heartbeatInFlight;

    // Stream reset (RFC 6525): our request in flight, and the peer's request waiting for its last TSN.
    private readonly SortedSet<ushort> _streamsToReset = [];
    private (uint Seq, ushort[] Streams, uint LastTsn)? _requestInFlight;
    private uint _nextRequestSeq;
    private uint _peerNextRequestSeq;
    private uint _lastResponseResult = ReconfigParameter.ResultPerformed;
    private (uint Seq, long LastTsn, ushort[] Streams)? _deferredIncoming;
    private TimeSpan? _reconfigDeadline;

    public SctpAssociation(SctpOptions? options = null)
    {
        _options = options ?? new SctpOptions();
        _localTag = RandomNonZero();
        _localInitialTsn = RandomUInt32();
        _rto = new RtoEstimator(_options);
        _sender = new SctpSender(_options, _rto, _localInitialTsn);
        _reassembler = new SctpReassembler(_options.MaxReceiveMessageSize);
        _t1 = new RetransmissionTimer(_options.RtoMax, _options.MaxInitRetransmissions);
        _t2 = new RetransmissionTimer(_options.RtoMax, _options.MaxRetransmissions);
        _nextRequestSeq = _localInitialTsn;
    }

    public SctpAssociationState State { get; private set; } = SctpAssociationState.Closed;

    /// <summary>Outbound streams usable after negotiation: the smaller of ours and the peer's inbound limit.</summary>
    public ushort OutboundStreams { get; private set; }

    public ushort InboundStreams { get; private set; }

    /// <summary>Whether the peer announced RE-CONFIG, without which stream resets are local only.</summary>
    public bool PeerSupportsStreamReset => _peerSupportsReconfig;

    /// <summary>The current retransmission timeout, for diagnostics.</summary>
    public TimeSpan Rto => _rto.Rto;

    /// <summary>Starts the handshake by sending INIT (RFC 9260 §5.1). Only meaningful while closed.</summary>
    public void Connect(TimeSpan now)
    {
        _now = now;
        if (State == SctpAssociationState.Closed && !_ended)
        {
            SendInit();
        }
        Flush();
    }

    /// <summary>Processes one received packet.</summary>
    public void HandlePacket(ReadOnlySpan<byte> bytes, TimeSpan now)
    {
        _now = now;
        SctpPacket packet;
        try
        {
            packet = SctpPacket.Decode(bytes);
        }
        catch (SctpFormatException)
        {
            return; // RFC 9260 §6.8: bad checksums and garbage are dropped silently.
        }
        if (packet.DestinationPort == _options.LocalPort && AcceptsTag(packet))
        {
            Dispatch(packet);
        }
        Flush();
    }

    /// <summary>Runs whatever timers have expired by <paramref name="now"/>.</summary>
    public void HandleTimeout(TimeSpan now)
    {
        _now = now;
        RunTimers();
        Flush();
    }

    /// <summary>The earliest instant <see cref="HandleTimeout"/> has work to do, or null when no timer runs.</summary>
    public TimeSpan? PollTimeout() => State == SctpAssociationState.Closed ? null : Earliest(_t1.Deadline, _t2.Deadline, _sender.T3Deadline, _delayedAckDeadline, _heartbeatDeadline, _reconfigDeadline);

    /// <summary>Takes the next packet to hand to DTLS.</summary>
    public bool TryPollTransmit(out byte[] packet) => _transmits.TryDequeue(out packet!);

    public bool TryPollEvent(out SctpEvent sctpEvent) => _events.TryDequeue(out sctpEvent!);

    /// <summary>Queues a user message. Allowed before the association is up; it goes out once established.</summary>
    public void Send(ushort streamId, uint ppid, ReadOnlySpan<byte> payload, SctpSendOptions send = default)
    {
        if (_ended || State is not (SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed or SctpAssociationState.Established))
        {
            throw new InvalidOperationException($"Cannot send in state {State}.");
        }
        if (payload.IsEmpty)
        {
            throw new ArgumentException("SCTP cannot carry an empty message; WebRTC sends one padding byte with an 'empty' PPID.", nameof(payload));
        }
        _sender.Enqueue(streamId, ppid, payload, send, _now);
        Flush();
    }

    /// <summary>Bytes queued on a stream that have not been sent yet (the browser's <c>bufferedAmount</c>).</summary>
    public long BufferedAmount(ushort streamId) => _sender.UnsentBytes(streamId);

    private void Emit(SctpEvent sctpEvent) => _events.Enqueue(sctpEvent);

    private void Dispatch(SctpPacket packet)
    {
        bool sawData = false;
        foreach (SctpChunk chunk in packet.Chunks)
        {
            if (!Handle(chunk, packet.VerificationTag, ref sawData))
            {
                break;
            }
        }
        if (sawData)
        {
            AfterDataPacket();
        }
    }

    /// <summary>Handles one chunk; returns false when the rest of the packet must be ignored.</summary>
    private bool Handle(SctpChunk chunk, uint tag, ref bool sawData)
    {
        switch (chunk)
        {
            case InitChunk { IsAck: false } init: OnInit(init); return false;
            case InitChunk ack: OnInitAck(ack); return true;
            case CookieEchoChunk echo: OnCookieEcho(echo, tag); return true;
            case DataChunk data: sawData |= OnData(data); return true;
            case SackChunk sack: OnSack(sack); return true;
            case HeartbeatChunk heartbeat: OnHeartbeat(heartbeat); return true;
            case AbortChunk abort: OnAbort(abort); return false;
            case ShutdownChunk shutdown: OnShutdown(shutdown); return true;
            case ErrorChunk error: OnError(error); return true;
            case ForwardTsnChunk forward: OnForwardTsn(forward); return true;
            case ReconfigChunk reconfig: OnReconfig(reconfig); return true;
            case UnknownChunk unknown: return OnUnknownChunk(unknown);
            case SignalChunk signal: OnSignal(signal); return true;
            default: return true;
        }
    }

    private void OnSignal(SignalChunk signal)
    {
        switch (signal.Type)
        {
            case SctpChunkType.CookieAck: OnCookieAck(); break;
            case SctpChunkType.ShutdownAck: OnShutdownAck(); break;
            case SctpChunkType.ShutdownComplete: OnShutdownComplete(); break;
        }
    }

    /// <summary>Unrecognised chunk types: the top two bits decide skipping and reporting (RFC 9260 §3.2).</summary>
    private bool OnUnknownChunk(UnknownChunk unknown)
    {
        if (unknown.Report && _peerTag != 0)
        {
            _control.Enqueue(new ErrorChunk([new SctpTlv(SctpErrorCause.UnrecognizedChunkType, unknown.Encode())]));
        }
        return unknown.SkipAndContinue;
    }

    /// <summary>
    /// Verification tag rules (RFC 9260 §8.5, §8.5.1): INIT carries 0; COOKIE-ECHO is checked against its
    /// cookie; ABORT and SHUTDOWN-COMPLETE with the T bit carry the peer's tag; everything else ours.
    /// </summary>
    private bool AcceptsTag(SctpPacket packet)
    {
        if (packet.Chunks.Count == 0)
        {
            return false;
        }
        SctpChunk first = packet.Chunks[0];
        return first switch
        {
            InitChunk { IsAck: false } => packet.VerificationTag == 0 && packet.Chunks.Count == 1,
            CookieEchoChunk => true,
            AbortChunk { ReflectedTag: true } => packet.VerificationTag == _peerTag && _peerTag != 0,
            SignalChunk { Type: SctpChunkType.ShutdownComplete, ReflectedTag: true } => packet.VerificationTag == _peerTag && _peerTag != 0,
            _ => packet.VerificationTag == _localTag,
        };
    }

    private static TimeSpan? Earliest(params TimeSpan?[] deadlines)
    {
        TimeSpan? earliest = null;
        foreach (TimeSpan? deadline in deadlines)
        {
            if (deadline is { } d && (earliest is null || d < earliest))
            {
                earliest = d;
            }
        }
        return earliest;
    }

    private static uint RandomUInt32() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));

    private static uint RandomNonZero()
    {
        uint value;
        do
        {
            value = RandomUInt32();
        }
        while (value == 0);
        return value;
    }
}
