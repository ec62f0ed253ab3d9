using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Sctp;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.PeerConnection;

/// <summary>
/// A peer connection shaped like the browser's <c>RTCPeerConnection</c>, for data channels: offer/answer in SDP,
/// then ICE on UDP → DTLS (role from <c>a=setup</c>, certificate checked against <c>a=fingerprint</c>) → SCTP
/// (port and <c>a=max-message-size</c> from the SDP) → DCEP channels. Transport starts once both descriptions are set.
/// <para>Unlike a browser, channels can be created only after <see cref="SetRemoteDescription"/>: the stream id
/// parity depends on the DTLS role, which only the answer settles. Offers always carry the data section anyway.</para>
/// </summary>
public sealed class RtcPeerConnection : IAsyncDisposable
{
    private readonly RtcConfiguration config;
    private readonly DtlsCertificate certificate;
    private readonly TimeProvider time;
    private readonly object gate = new();
    private UdpTransport? udp;
    private SessionDescription? localDescription;
    private SdpTransportInfo? local;
    private SessionDescription? remoteDescription;
    private SdpTransportInfo? remote;
    private DataChannelTransport? data;
    private PeerTransportDriver? driver;
    private IceConnectionState iceState;
    private bool closed;

    public RtcPeerConnection(RtcConfiguration? configuration = null, TimeProvider? time = null)
    {
        config = configuration ?? new RtcConfiguration();
        certificate = config.Certificate ?? DtlsCertificate.Generate();
        this.time = time ?? TimeProvider.System;
    }

    public RtcPeerConnectionState ConnectionState { get; private set; } = RtcPeerConnectionState.New;

    /// <summary>Our DTLS role once both descriptions are set.</summary>
    public DtlsRole? DtlsRole { get; private set; }

    public RtcSessionDescription? LocalDescription { get; private set; }

    public RtcSessionDescription? RemoteDescription { get; private set; }

    /// <summary>A channel the peer opened (the browser's <c>ondatachannel</c>).</summary>
    public event Action<DataChannel>? OnDataChannel;

    /// <summary>Raised from a driver thread on every change of <see cref="ConnectionState"/>.</summary>
    public event Action<RtcPeerConnectionState>? OnConnectionStateChange;

    /// <summary>An offer with BUNDLEd audio (unless configured off) and data, <c>a=setup:actpass</c>; we control ICE.</summary>
    public RtcSessionDescription CreateOffer()
    {
        lock (gate)
        {
            ThrowIfClosed();
            UdpTransport transport = EnsureIce(IceRole.Controlling);
            var options = new SdpOfferOptions { Audio = config.OfferAudio, MaxMessageSize = config.MaxMessageSize };
            return new RtcSessionDescription(RtcSdpType.Offer, SdpOfferBuilder.Build(LocalTransport(transport), options).ToString());
        }
    }

    /// <summary>Answers the remote offer: Opus and data accepted, <c>a=setup</c> from <see cref="RtcConfiguration.AnswerSetup"/>.</summary>
    public RtcSessionDescription CreateAnswer()
    {
        lock (gate)
        {
            ThrowIfClosed();
            SessionDescription offer = remoteDescription is not null && RemoteDescription!.Type == RtcSdpType.Offer
                ? remoteDescription
                : throw new InvalidOperationException("CreateAnswer needs a remote offer first.");
            UdpTransport transport = EnsureIce(IceRole.Controlled);
            var options = new SdpAnswerOptions { Setup = config.AnswerSetup, MaxMessageSize = config.MaxMessageSize };
            return new RtcSessionDescription(RtcSdpType.Answer, SdpAnswerBuilder.Build(offer, LocalTransport(transport), options).ToString());
        }
    }

    /// <summary>Applies our own offer or answer (as returned by Create…); starts the transport when the remote one is known.</summary>
    public void SetLocalDescription(RtcSessionDescription description)
    {
        lock (gate)
        {
            ThrowIfClosed();
            SessionDescription parsed = SessionDescription.Parse(description.Sdp);
            local = SdpTransportInfo.From(parsed);
            localDescription = parsed;
            LocalDescription = description;
            TryStart();
        }
    }

    /// <summary>Applies the peer's offer or answer. Throws <see cref="SdpParseException"/> (with the line number) when it is unusable.</summary>
    public void SetRemoteDescription(RtcSessionDescription description)
    {
        lock (gate)
        {
            ThrowIfClosed();
            SessionDescription parsed = SessionDescription.Parse(description.Sdp);
            SdpTransportInfo info = SdpTransportInfo.From(parsed);
            if (info.Data is null)
            {
                throw new SdpParseException(0, "the description has no data-channel section (m=application … webrtc-datachannel)");
            }
            remote = info;
            remoteDescription = parsed;
            RemoteDescription = description;
            TryStart();
        }
    }

    public DataChannel CreateDataChannel(string label, bool ordered = true) =>
        CreateDataChannel(label, new DataChannelInit { Ordered = ordered });

    public DataChannel CreateDataChannel(string label, DataChannelInit init)
    {
        DataChannelTransport transport;
        lock (gate)
        {
            ThrowIfClosed();
            transport = data ?? throw new InvalidOperationException("Set both descriptions before creating a data channel: the DTLS role decides its stream id.");
        }
        return transport.CreateDataChannel(label, init);
    }

    /// <summary>Closes everything at once, like the browser's <c>close()</c>: SCTP ABORT, DTLS close_notify, sockets closed.</summary>
    public async ValueTask CloseAsync()
    {
        PeerTransportDriver? running;
        UdpTransport? unused;
        lock (gate)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            running = driver;
            unused = driver is null ? udp : null;
        }
        if (running is not null)
        {
            await running.CloseAsync();
        }
        if (unused is not null)
        {
            await unused.DisposeAsync();
        }
        UpdateState();
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private UdpTransport EnsureIce(IceRole role)
    {
        if (udp is null)
        {
            IceAgentOptions options = (config.Ice ?? new IceAgentOptions()) with { Role = role, Lite = config.IceLite };
            udp = UdpTransport.Bind(new IceAgent(options), config.Addresses, time);
            udp.EventRaised += OnIceEvent;
        }
        return udp;
    }

    private SdpLocalTransport LocalTransport(UdpTransport transport) =>
        new(transport.LocalCredentials, SdpFingerprint.Sha256(certificate.DerEncoded), transport.LocalCandidates) { IceLite = config.IceLite };

    private void TryStart()
    {
        if (driver is not null || local is null || remote is null || udp is null)
        {
            return;
        }
        DtlsRole role = ChooseDtlsRole(local.Setup, remote.Setup);
        DtlsRole = role;
        var options = new DataChannelTransportOptions
        {
            Dtls = config.Dtls ?? new DtlsOptions(),
            Sctp = new SctpOptions { LocalPort = (ushort)local.SctpPort, RemotePort = (ushort)remote.SctpPort },
            RemoteMaxMessageSize = remote.MaxMessageSize,
        };
        var fingerprint = DtlsFingerprint.Parse(remote.Fingerprint.ToString());
        data = new DataChannelTransport(role, certificate, fingerprint, options);
        data.OnDataChannel += channel => OnDataChannel?.Invoke(channel);
        data.OnStateChange += _ => UpdateState();
        driver = new PeerTransportDriver(udp, data, role, time);
        driver.Start(remote.Ice, remote.Candidates);
        UpdateState();
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
            iceState = state;
            UpdateState();
        }
    }

    private void UpdateState()
    {
        RtcPeerConnectionState next;
        lock (gate)
        {
            next = closed ? RtcPeerConnectionState.Closed : Combine(iceState, data?.State);
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

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(closed, this);
}
