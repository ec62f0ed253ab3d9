namespace Realtime.WebRtc.Sdp;

/// <summary>What a .NET client's offer contains: BUNDLEd audio (mid 0) and data (mid 1) by default.</summary>
public sealed record SdpOfferOptions
{
    public bool Audio { get; init; } = true;
    public bool Data { get; init; } = true;
    public SdpDirection AudioDirection { get; init; } = SdpDirection.SendRecv;
    public int OpusPayloadType { get; init; } = 111;

    /// <summary>Also offer PCMU (0) and PCMA (8), as browsers do.</summary>
    public bool OfferG711 { get; init; }

    /// <summary>
    /// The codecs to offer by name ("opus", "PCMU", "PCMA"), in order of preference; overrides
    /// <see cref="OfferG711"/> when set. Opus takes <see cref="OpusPayloadType"/>, G.711 its static type.
    /// </summary>
    public IReadOnlyList<string>? AudioCodecs { get; init; }

    /// <summary>When set, <c>a=ssrc:&lt;ssrc&gt; cname:&lt;cname&gt;</c> announces our outgoing audio stream.</summary>
    public uint? AudioSsrc { get; init; }
    public string Cname { get; init; } = "realtime";

    /// <summary>Our media stream id for <c>a=msid</c>, so Chromium's <c>ontrack</c> has a stream to hand out.</summary>
    public string StreamId { get; init; } = "realtime";
    public int SctpPort { get; init; } = SdpTransportInfo.DefaultSctpPort;
    public int MaxMessageSize { get; init; } = 262144;
}
