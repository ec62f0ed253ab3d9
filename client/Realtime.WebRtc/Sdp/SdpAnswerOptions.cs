namespace Realtime.WebRtc.Sdp;

/// <summary>How to answer an offer. The defaults answer like OpenAI: DTLS client (<c>a=setup:active</c>).</summary>
public sealed record SdpAnswerOptions
{
    /// <summary>Active makes us the DTLS client, passive the server; an answer may not say actpass.</summary>
    public SdpSetup Setup { get; init; } = SdpSetup.Active;

    /// <summary>Accept PCMU/PCMA next to Opus when offered (OpenAI lists them; Opus is the one that works).</summary>
    public bool AcceptG711 { get; init; } = true;

    public int SctpPort { get; init; } = SdpTransportInfo.DefaultSctpPort;
    public int MaxMessageSize { get; init; } = 262144;

    /// <summary>When set, announces our outgoing audio stream as in <see cref="SdpOfferOptions.AudioSsrc"/>.</summary>
    public uint? AudioSsrc { get; init; }
    public string Cname { get; init; } = "realtime";
}
