using Realtime.WebRtc.Codecs;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Media;

/// <summary>
/// A negotiated audio codec, as getStats' <c>codec</c> entry describes it: the payload type is the one the SDP
/// exchange settled on, which is what goes into every RTP header, so it is never assumed.
/// </summary>
public sealed record RtcAudioCodecInfo(string Name, int PayloadType, int ClockRate, int Channels, string? Fmtp)
{
    /// <summary>The codec names this stack implements, as SDP spells them.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["opus", "PCMU", "PCMA"];

    /// <summary>The codec a format of a media section names, with its fmtp; null when we do not implement it.</summary>
    public static RtcAudioCodecInfo? From(SdpRtpMap format, MediaDescription section)
    {
        string? name = Supported.FirstOrDefault(format.Is);
        return name is null ? null : new RtcAudioCodecInfo(name, format.PayloadType, format.ClockRate, format.Channels ?? 1, section.Fmtp(format.PayloadType));
    }

    /// <summary>A fresh encoder/decoder pair: codecs keep state, so each stream gets its own.</summary>
    internal IAudioCodec CreateCodec() => Name switch
    {
        "opus" => new OpusCodec((byte)PayloadType),
        "PCMU" => new G711Codec(G711Law.MuLaw, (byte)PayloadType),
        _ => new G711Codec(G711Law.ALaw, (byte)PayloadType),
    };
}
