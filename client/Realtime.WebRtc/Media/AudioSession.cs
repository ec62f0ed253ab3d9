using System.Security.Cryptography;
using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Rtp;
using Realtime.WebRtc.Srtp;

namespace Realtime.WebRtc.Media;

/// <summary>
/// The audio half of a peer connection, sans-IO: PCM frames in → codec → RTP → SRTP datagrams out; SRTP/SRTCP
/// datagrams in → RTP → jitter buffer → PCM frames played every 20 ms of the caller's clock; RTCP reports once a
/// second. The driver feeds it datagrams whose first byte is 128–191, calls <see cref="HandleTimeout"/> at
/// <see cref="PollTimeout"/>, sends what <see cref="TryPollTransmit"/> yields and hands on what
/// <see cref="TryPollFrame"/> yields. Nothing flows until <see cref="Key"/> gives it the DTLS-exported keys.
/// Thread-safe: a user thread may send while the driver receives.
/// </summary>
internal sealed partial class AudioSession : IDisposable
{
    private readonly object _gate = new();
    private readonly AudioSessionOptions _options;
    private readonly Queue<byte[]> _transmit = new();
    private readonly Queue<RtcAudioFrame> _frames = new();
    private readonly IAudioCodec _encoder;
    private readonly RtpSender _sender;
    private SrtpSession? _srtp;
    private RemoteStream? _remote;
    private TimeSpan? _nextPlayout;
    private long _played;
    private double _audioLevel;
    private bool _talkspurt = true;
    private bool _closed;

    public AudioSession(AudioSessionOptions options)
    {
        _options = options;
        RtcAudioCodecInfo send = options.Codecs[0];
        _encoder = send.CreateCodec();
        _sender = new RtpSender(options.LocalSsrc, (byte)send.PayloadType, send.ClockRate,
            (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1), (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue));
    }

    /// <summary>Whether SRTP is keyed and the negotiated direction lets us send.</summary>
    public bool CanSend
    {
        get
        {
            lock (_gate)
            {
                return _options.Sends && _srtp is not null && !_closed;
            }
        }
    }

    public bool IsKeyed
    {
        get
        {
            lock (_gate)
            {
                return _srtp is not null;
            }
        }
    }

    /// <summary>The media time of the next frame to play.</summary>
    public TimeSpan MediaTime
    {
        get
        {
            lock (_gate)
            {
                return _played * PcmFrame.Duration;
            }
        }
    }

    public uint? RemoteSsrc
    {
        get
        {
            lock (_gate)
            {
                return _remote?.Receiver.Ssrc;
            }
        }
    }

    /// <summary>Keys SRTP from the DTLS exporter; the first report goes out at once so the peer learns our SSRC.</summary>
    public void Key(SrtpKeyingMaterial keys, TimeSpan now)
    {
        lock (_gate)
        {
            if (_srtp is not null || _closed)
            {
                return;
            }
            _srtp = SrtpSession.From(keys);
            _nextReport = now;
        }
    }

    /// <summary>Encodes and sends one frame now (silence instead when <paramref name="muted"/>); false when it cannot be sent.</summary>
    public bool Send(PcmFrame frame, bool muted, TimeSpan now)
    {
        lock (_gate)
        {
            if (!_options.Sends || _srtp is null || _closed)
            {
                return false;
            }
            byte[] payload = _encoder.Encode(muted ? PcmFrame.Silence() : frame);
            RtpPacket packet = _sender.Packetize(payload, _encoder.TimestampsPerFrame, now, marker: _talkspurt);
            _talkspurt = false;
            _transmit.Enqueue(_srtp.Outbound.ProtectRtp(packet.Serialize()));
            return true;
        }
    }

    /// <summary>Takes one SRTP or SRTCP datagram from the peer; anything that fails authentication is dropped.</summary>
    public void HandleDatagram(ReadOnlySpan<byte> datagram, TimeSpan now)
    {
        lock (_gate)
        {
            if (_srtp is null || _closed)
            {
                return;
            }
            if (PacketClassifier.IsRtcp(datagram))
            {
                SrtpResult rtcp = _srtp.Inbound.UnprotectRtcp(datagram);
                if (rtcp.IsAccepted && RtcpCompoundPacket.TryParse(rtcp.Packet, out IReadOnlyList<RtcpPacket>? packets))
                {
                    HandleRtcp(packets, now);
                }
                return;
            }
            SrtpResult rtp = _srtp.Inbound.UnprotectRtp(datagram);
            if (rtp.IsAccepted && _options.Receives && RtpPacket.TryParse(rtp.Packet, out RtpPacket? packet))
            {
                Receive(packet, now);
            }
        }
    }

    /// <summary>Plays every frame due by <paramref name="now"/> and sends the RTCP report when due.</summary>
    public void HandleTimeout(TimeSpan now)
    {
        lock (_gate)
        {
            while (_nextPlayout is { } due && due <= now && _remote is { } remote)
            {
                Play(remote, due);
                _nextPlayout = due + PcmFrame.Duration;
            }
            if (_nextReport is { } report && report <= now && !_closed)
            {
                _transmit.Enqueue(_srtp!.Outbound.ProtectRtcp(RtcpCompoundPacket.Serialize(Report(now))));
                _nextReport = now + ReportInterval;
            }
        }
    }

    public TimeSpan? PollTimeout()
    {
        lock (_gate)
        {
            return _closed ? null : new[] { _nextPlayout, _nextReport }.Where(t => t is not null).DefaultIfEmpty(null).Min();
        }
    }

    public bool TryPollTransmit(out byte[] datagram)
    {
        lock (_gate)
        {
            return _transmit.TryDequeue(out datagram!);
        }
    }

    public bool TryPollFrame(out RtcAudioFrame frame)
    {
        lock (_gate)
        {
            return _frames.TryDequeue(out frame);
        }
    }

    /// <summary>Says goodbye (RTCP BYE, RFC 3550 §6.6) so the peer stops waiting for us, then stops.</summary>
    public void Close(TimeSpan now)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            if (_srtp is not null)
            {
                RtcpPacket[] goodbye = [.. Report(now), new RtcpGoodbye([_options.LocalSsrc], "peer connection closed")];
                _transmit.Enqueue(_srtp.Outbound.ProtectRtcp(RtcpCompoundPacket.Serialize(goodbye)));
            }
            _closed = true;
            _nextPlayout = null;
        }
    }

    public RtcAudioStats GetStats()
    {
        lock (_gate)
        {
            RtcAudioCodecInfo codec = _remote?.Codec ?? _options.Codecs[0];
            JitterBufferStatistics? played = _remote?.Jitter.Statistics;
            return new RtcAudioStats(codec.Name, codec.PayloadType, RtpStreamStatistics.Capture(_sender, _remote?.Receiver, _audioLevel),
                played?.FramesDecoded ?? 0, played?.FramesConcealed ?? 0, _roundTrip);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _srtp?.Dispose();
            _encoder.Dispose();
            _remote?.Dispose();
        }
    }

    private void Receive(RtpPacket packet, TimeSpan now)
    {
        RtcAudioCodecInfo? codec = _options.Codecs.FirstOrDefault(c => c.PayloadType == packet.PayloadType);
        if (codec is null)
        {
            return; // not a payload type we negotiated (comfort noise, DTMF): ignored
        }
        if (_remote is null || _remote.Receiver.Ssrc != packet.Ssrc || _remote.Codec != codec)
        {
            // A new source or a codec switch: a fresh decoder and buffer, the playout timeline carries on.
            _remote?.Dispose();
            _remote = new RemoteStream(codec, packet.Ssrc, _options.JitterBuffer);
        }
        _remote.Receiver.Receive(packet, now);
        _remote.Jitter.Push(packet, now);
        _nextPlayout ??= now;
    }

    private void Play(RemoteStream remote, TimeSpan due)
    {
        PlayoutFrame played = remote.Jitter.Pull(due);
        if (played.Kind == PlayoutKind.Buffering)
        {
            return;
        }
        if (played.Kind == PlayoutKind.Decoded)
        {
            _audioLevel = played.Frame.Level;
        }
        _frames.Enqueue(new RtcAudioFrame(played.Frame, _played * PcmFrame.Duration, played.ArrivedAt ?? due, played.Kind));
        _played++;
    }

    /// <summary>One remote source: its reception statistics, its decoder and the jitter buffer in front of it.</summary>
    private sealed class RemoteStream : IDisposable
    {
        private readonly IAudioCodec _decoder;

        public RemoteStream(RtcAudioCodecInfo codec, uint ssrc, JitterBufferOptions? options)
        {
            Codec = codec;
            _decoder = codec.CreateCodec();
            Receiver = new RtpReceiver(ssrc, codec.ClockRate);
            Jitter = new JitterBuffer(_decoder, options);
        }

        public RtcAudioCodecInfo Codec { get; }
        public RtpReceiver Receiver { get; }
        public JitterBuffer Jitter { get; }

        public void Dispose() => _decoder.Dispose();
    }
}
