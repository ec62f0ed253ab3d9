using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.Sctp;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.PeerConnection;

/// <summary>
/// A peer connection shaped like the browser's <c>RTCPeerConnection</c>, for data channels and one audio transceiver:
/// offer/answer in SDP, then ICE on UDP → DTLS (role from <c>a=setup</c>, certificate checked against
/// <c>a=fingerprint</c>) → SCTP (port and <c>a=max-message-size</c> from the SDP) → DCEP channels, and beside it
/// SRTP keyed from DTLS → RTP with the negotiated codec. Transport starts once both descriptions are set.
/// <para>Unlike a browser, channels can be created only after <see cref="SetRemoteDescription"/>: the stream id
/// parity depends on the DTLS role, which only the answer settles. Offers always carry the data section anyway.</para>
/// </summary>
public sealed class RtcPeerConnection : IAsyncDisposable
{
    private readonly RtcConfiguration _config;
    private readonly DtlsCertificate _certificate;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private UdpTransport? _udp;
    private SdpTransportInfo? _local;
    private SessionDescription? _localDescription;
    private SessionDescription? _remoteDescription;
    private RtcAudioTransceiver? _audio;
    private SdpTransportInfo? _remote;
    private DataChannelTransport? _data;
    private PeerTransportDriver? _driver;
    private IceConnectionState _iceState;
    private bool _closed;

    public RtcPeerConnection(RtcConfiguration? configuration = null, TimeProvider? time = null)
    {
        _config = configuration ?? new RtcConfiguration();
        _certificate = _config.Certificate ?? DtlsCertificate.Generate();
        _time = time ?? TimeProvider.System;
    }

    public RtcPeerConnectionState ConnectionState { get; private set; } = RtcPeerConnectionState.New;

    /// <summary>Our DTLS role once both descriptions are set.</summary>
    public DtlsRole? DtlsRole { get; private set; }

    public RtcSessionDescription? LocalDescription { get; private set; }

    public RtcSessionDescription? RemoteDescription { get; private set; }

    /// <summary>A channel the peer opened (the browser's <c>ondatachannel</c>).</summary>
    public event Action<DataChannel>? OnDataChannel;

    /// <summary>
    /// The audio transceiver: the one <see cref="AddTransceiver"/> made (or <see cref="CreateOffer"/> added by default when
    /// <see cref="RtcConfiguration.OfferAudio"/>), or on the answering side the one <see cref="SetRemoteDescription"/> made
    /// from the offer's audio section. Null when there is no audio.
    /// </summary>
    public RtcAudioTransceiver? AudioTransceiver
    {
        get
        {
            lock (_gate)
            {
                return _audio;
            }
        }
    }

    /// <summary>The browser's <c>ontrack</c>: raised by <see cref="SetRemoteDescription"/> when the remote description carries audio.</summary>
    public event Action<RtcAudioTransceiver>? OnTrack;

    /// <summary>Raised from a driver thread on every change of <see cref="ConnectionState"/>.</summary>
    public event Action<RtcPeerConnectionState>? OnConnectionStateChange;

    /// <summary>Adds the audio transceiver an offer will carry; call before <see cref="CreateOffer"/>. One per connection.</summary>
    public RtcAudioTransceiver AddTransceiver(RtcAudioTransceiverInit? init = null)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            if (_audio is not null || LocalDescription is not null || RemoteDescription is not null)
            {
                throw new InvalidOperationException("Add the one audio transceiver before any description is created or set.");
            }
            init ??= new RtcAudioTransceiverInit();
            foreach (string codec in init.Codecs.Where(c => !RtcAudioCodecInfo.Supported.Contains(c, StringComparer.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"Unsupported audio codec '{codec}': use opus, PCMU or PCMA.", nameof(init));
            }
            return _audio = new RtcAudioTransceiver(init, _time);
        }
    }

    /// <summary>getStats() of the audio transceiver; null without audio.</summary>
    public RtcAudioStats? GetStats() => AudioTransceiver?.GetStats();

    /// <summary>An offer with BUNDLEd audio (when a transceiver was added, or by default) and data, <c>a=setup:actpass</c>; we control ICE.</summary>
    public RtcSessionDescription CreateOffer()
    {
        lock (_gate)
        {
            ThrowIfClosed();
            UdpTransport transport = EnsureIce(IceRole.Controlling);
            if (_audio is null && _config.OfferAudio && LocalDescription is null)
            {
                _audio = new RtcAudioTransceiver(new RtcAudioTransceiverInit(), _time);
            }
            var options = new SdpOfferOptions
            {
                Audio = _audio is not null,
                AudioCodecs = _audio?.Codecs,
                AudioDirection = _audio?.Direction ?? SdpDirection.SendRecv,
                AudioSsrc = _audio?.Sender.Ssrc,
                MaxMessageSize = _config.MaxMessageSize,
            };
            return new RtcSessionDescription(RtcSdpType.Offer, SdpOfferBuilder.Build(LocalTransport(transport), options).ToString());
        }
    }

    /// <summary>Answers the remote offer: Opus and data accepted, <c>a=setup</c> from <see cref="RtcConfiguration.AnswerSetup"/>.</summary>
    public RtcSessionDescription CreateAnswer()
    {
        lock (_gate)
        {
            ThrowIfClosed();
            SessionDescription offer = _remoteDescription is not null && RemoteDescription!.Type == RtcSdpType.Offer
                ? _remoteDescription
                : throw new InvalidOperationException("CreateAnswer needs a remote offer first.");
            UdpTransport transport = EnsureIce(IceRole.Controlled);
            var options = new SdpAnswerOptions
            {
                Setup = _config.AnswerSetup,
                MaxMessageSize = _config.MaxMessageSize,
                AudioCodecs = _audio?.Codecs,
                AudioDirection = _audio?.Direction ?? SdpDirection.Inactive,
                AudioSsrc = _audio?.Sender.Ssrc,
            };
            return new RtcSessionDescription(RtcSdpType.Answer, SdpAnswerBuilder.Build(offer, LocalTransport(transport), options).ToString());
        }
    }

    /// <summary>Applies our own offer or answer (as returned by Create…); starts the transport when the remote one is known.</summary>
    public void SetLocalDescription(RtcSessionDescription description)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            _localDescription = SessionDescription.Parse(description.Sdp);
            _local = SdpTransportInfo.From(_localDescription);
            LocalDescription = description;
            TryStart();
        }
    }

    /// <summary>Applies the peer's offer or answer. Throws <see cref="SdpParseException"/> (with the line number) when it is unusable.</summary>
    public void SetRemoteDescription(RtcSessionDescription description)
    {
        RtcAudioTransceiver? track;
        lock (_gate)
        {
            ThrowIfClosed();
            SessionDescription parsed = SessionDescription.Parse(description.Sdp);
            SdpTransportInfo info = SdpTransportInfo.From(parsed);
            if (info.Data is null)
            {
                throw new SdpParseException(0, "the description has no data-channel section (m=application … webrtc-datachannel)");
            }
            _remote = info;
            _remoteDescription = parsed;
            RemoteDescription = description;
            if (_audio is null && description.Type == RtcSdpType.Offer && info.Audio is not null)
            {
                _audio = new RtcAudioTransceiver(new RtcAudioTransceiverInit(), _time);
            }
            track = info.Audio is null ? null : _audio;
            TryStart();
        }
        if (track is not null)
        {
            OnTrack?.Invoke(track);
        }
    }

    public DataChannel CreateDataChannel(string label, bool ordered = true) =>
        CreateDataChannel(label, new DataChannelInit { Ordered = ordered });

    public DataChannel CreateDataChannel(string label, DataChannelInit init)
    {
        DataChannelTransport transport;
        lock (_gate)
        {
            ThrowIfClosed();
            transport = _data ?? throw new InvalidOperationException("Set both descriptions before creating a data channel: the DTLS role decides its stream id.");
        }
        return transport.CreateDataChannel(label, init);
    }

    /// <summary>Closes everything at once, like the browser's <c>close()</c>: SCTP ABORT, DTLS close_notify, sockets closed.</summary>
    public async ValueTask CloseAsync()
    {
        PeerTransportDriver? running;
        UdpTransport? unused;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            running = _driver;
            unused = _driver is null ? _udp : null;
        }
        if (running is not null)
        {
            await running.CloseAsync();
        }
        if (unused is not null)
        {
            await unused.DisposeAsync();
        }
        AudioTransceiver?.Sender.OnClosed();
        UpdateState();
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private UdpTransport EnsureIce(IceRole role)
    {
        if (_udp is null)
        {
            IceAgentOptions options = (_config.Ice ?? new IceAgentOptions()) with { Role = role, Lite = _config.IceLite };
            _udp = UdpTransport.Bind(new IceAgent(options), _config.Addresses, _time);
            _udp.EventRaised += OnIceEvent;
        }
        return _udp;
    }

    private SdpLocalTransport LocalTransport(UdpTransport transport) =>
        new(transport.LocalCredentials, SdpFingerprint.Sha256(_certificate.DerEncoded), transport.LocalCandidates) { IceLite = _config.IceLite };

    private void TryStart()
    {
        if (_driver is not null || _local is null || _remote is null || _udp is null)
        {
            return;
        }
        DtlsRole role = ChooseDtlsRole(_local.Setup, _remote.Setup);
        DtlsRole = role;
        var options = new DataChannelTransportOptions
        {
            Dtls = _config.Dtls ?? new DtlsOptions(),
            Sctp = new SctpOptions { LocalPort = (ushort)_local.SctpPort, RemotePort = (ushort)_remote.SctpPort },
            RemoteMaxMessageSize = _remote.MaxMessageSize,
        };
        var fingerprint = DtlsFingerprint.Parse(_remote.Fingerprint.ToString());
        _data = new DataChannelTransport(role, _certificate, fingerprint, options);
        _data.OnDataChannel += channel => OnDataChannel?.Invoke(channel);
        _data.OnStateChange += _ => UpdateState();
        _driver = new PeerTransportDriver(_udp, _data, role, _time, NegotiateAudio());
        _driver.Start(_remote.Ice, _remote.Candidates);
        UpdateState();
    }

    /// <summary>Settles the transceiver from the answer's audio section; it carries media only when that left a direction and a codec.</summary>
    private RtcAudioTransceiver? NegotiateAudio()
    {
        bool weAnswered = LocalDescription!.Type == RtcSdpType.Answer;
        SessionDescription answer = weAnswered ? _localDescription! : _remoteDescription!;
        if (_audio is null || answer.Media.FirstOrDefault(m => m.Kind == "audio") is not { } section)
        {
            return null;
        }
        if (_audio.Negotiate(section, weAnswered, "realtime", () => _time.GetUtcNow()) is null)
        {
            _audio.Sender.OnKeyed(); // faults Ready: nothing will ever be sent
            return null;
        }
        return _audio;
    }

    /// <summary>RFC 8842 §5: active is the DTLS client. Whoever wrote actpass (the offerer) takes what the answer left.</summary>
    internal static DtlsRole ChooseDtlsRole(SdpSetup? localSetup, SdpSetup? remoteSetup) => localSetup switch
    {
        SdpSetup.Active => Dtls.DtlsRole.Client,
        SdpSetup.Passive => Dtls.DtlsRole.Server,
        _ => remoteSetup == SdpSetup.Passive ? Dtls.DtlsRole.Client : Dtls.DtlsRole.Server,
    };

    private void OnIceEvent(IceEvent iceEvent)
    {
        if (iceEvent is IceStateChangedEvent { State: var state })
        {
            _iceState = state;
            UpdateState();
        }
    }

    private void UpdateState()
    {
        RtcPeerConnectionState next;
        lock (_gate)
        {
            next = _closed ? RtcPeerConnectionState.Closed : Combine(_iceState, _data?.State);
            if (next == ConnectionState || ConnectionState is RtcPeerConnectionState.Closed or RtcPeerConnectionState.Failed)
            {
                return;
            }
            ConnectionState = next;
        }
        OnConnectionStateChange?.Invoke(next);
    }

    private static RtcPeerConnectionState Combine(IceConnectionState ice, DataChannelTransportState? transport) => (ice, transport) switch
    {
        (IceConnectionState.Failed, _) or (_, DataChannelTransportState.Failed) => RtcPeerConnectionState.Failed,
        (IceConnectionState.Closed, _) or (_, DataChannelTransportState.Closed) => RtcPeerConnectionState.Closed,
        (IceConnectionState.Disconnected, _) => RtcPeerConnectionState.Disconnected,
        (_, DataChannelTransportState.Connected) => RtcPeerConnectionState.Connected,
        (_, null) => RtcPeerConnectionState.New,
        _ => RtcPeerConnectionState.Connecting,
    };

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);
}
