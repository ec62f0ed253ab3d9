using System.Net;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.PeerConnection;

/// <summary>How an <see cref="RtcPeerConnection"/> behaves. The defaults make a full ICE agent on loopback that offers audio and data.</summary>
public sealed record RtcConfiguration
{
    /// <summary>Addresses to gather host candidates on (loopback by default; <see cref="HostAddresses.Discover"/> for a real network).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = HostAddresses.Loopback;

    /// <summary>ICE-lite: only answer checks. The emulator answers this way, like OpenAI.</summary>
    public bool IceLite { get; init; }

    /// <summary>The local certificate; a fresh one per connection when null.</summary>
    public DtlsCertificate? Certificate { get; init; }

    /// <summary>The DTLS role written in an answer: active (DTLS client, OpenAI's choice) or passive.</summary>
    public SdpSetup AnswerSetup { get; init; } = SdpSetup.Active;

    /// <summary>Offer an audio section next to the data section (what OpenAI and browsers expect in a call).</summary>
    public bool OfferAudio { get; init; } = true;

    /// <summary>Our <c>a=max-message-size</c>, the largest message we accept.</summary>
    public int MaxMessageSize { get; init; } = 262_144;

    public IceAgentOptions? Ice { get; init; }

    public DtlsOptions? Dtls { get; init; }
}
