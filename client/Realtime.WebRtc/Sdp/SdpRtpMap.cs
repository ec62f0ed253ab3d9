using System.Globalization;

namespace Realtime.WebRtc.Sdp;

/// <summary><c>a=rtpmap:&lt;pt&gt; &lt;name&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c>.</summary>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    public static SdpRtpMap Opus(int payloadType = 111) => new(payloadType, "opus", 48000, 2);

    /// <summary>Opus is always written opus/48000/2 whatever is actually sent (RFC 7587 §7).</summary>
    public bool IsOpus => EncodingName.Equals("opus", StringComparison.OrdinalIgnoreCase) && ClockRate == 48000 && Channels == 2;

    public static SdpRtpMap Pcmu => new(0, "PCMU", 8000);

    public static SdpRtpMap Pcma => new(8, "PCMA", 8000);

    /// <summary>The static payload types (RFC 3551 §6) a section may list without an rtpmap: PCMU and PCMA; null for others.</summary>
    public static SdpRtpMap? Static(int payloadType) => payloadType switch
    {
        0 => Pcmu,
        8 => Pcma,
        _ => null,
    };

    /// <summary>Whether this is the codec called <paramref name="name"/> ("opus", "PCMU", "PCMA") at the clock WebRTC uses for it.</summary>
    public bool Is(string name) => name.ToUpperInvariant() switch
    {
        "OPUS" => IsOpus,
        "PCMU" or "PCMA" => EncodingName.Equals(name, StringComparison.OrdinalIgnoreCase) && ClockRate == 8000 && Channels is null or 1,
        _ => false,
    };

    public static SdpRtpMap Parse(string value)
    {
        string[] parts = value.Split(' ', 2);
        string[] encoding = parts.Length == 2 ? parts[1].Split('/') : [];
        if (encoding.Length is < 2 or > 3 || !TryPayloadType(parts[0], out int payloadType)
            || !int.TryParse(encoding[1], NumberStyles.None, CultureInfo.InvariantCulture, out int clockRate))
        {
            throw new FormatException("rtpmap must be '<payload type> <encoding>/<clock rate>[/<channels>]'");
        }
        int? channels = encoding.Length == 3 && int.TryParse(encoding[2], NumberStyles.None, CultureInfo.InvariantCulture, out int c)
            ? c
            : encoding.Length == 3 ? throw new FormatException("rtpmap channels must be a number") : null;
        return new SdpRtpMap(payloadType, encoding[0], clockRate, channels);
    }

    public static bool TryPayloadType(string text, out int payloadType) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out payloadType) && payloadType <= 127;

    public string ToLineValue() => Channels is { } channels
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}/{channels}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}");
}
