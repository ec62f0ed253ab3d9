namespace Realtime.WebRtc.Sdp;

/// <summary>How to answer an offer. The defaults answer like OpenAI: DTLS client (<c>a=setup:active</c>).</summary>
public sealed record SdpAnswerOptions
{
    /// <summary>Active makes us the DTLS client, passive the server; an answer may not say actpass.</summary>
    public SdpSetup Setup { get; init; } = SdpSetup.Active;

    /// <summary>Accept PCMU/PCMA next to Opus when offered (OpenAI lists them; Opus is the one that works).</summary>
    public bool AcceptG711 { get; init; } = true;

    /// <summary>
    /// The codecs we can use, by name; the answer lists those the offer has, in the offer's order, at the offer's
    /// payload types, so its first is the codec both sides send. Null means Opus, and G.711 per <see cref="AcceptG711"/>.
    /// </summary>
    public IReadOnlyList<string>? AudioCodecs { get; init; }

    /// <summary>What we want to do with audio; the answer says the part of it the offer allows (RFC 3264 §6.1).</summary>
    public SdpDirection AudioDirection { get; init; } = SdpDirection.SendRecv;

    public int SctpPort { get; init; } = SdpTransportInfo.DefaultSctpPort;
    public int MaxMessageSize { get; init; } = 262144;

    /// <summary>When set, announces our outgoing audio stream as in <see cref="SdpOfferOptions.AudioSsrc"/>.</summary>
    public uint? AudioSsrc { get; init; }
    public string Cname { get; init; } = "realtime";

    /// <summary>Our media stream id for <c>a=msid</c>.</summary>
    public string StreamId { get; init; } = "realtime";
}
