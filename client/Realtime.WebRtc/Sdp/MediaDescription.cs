using System.Globalization;
using System.Text;

namespace Realtime.WebRtc.Sdp;

/// <summary>One <c>m=</c> section: the media line itself plus the lines that follow it.</summary>
public sealed class MediaDescription : SdpSection
{
    public const string AudioProtocol = "UDP/TLS/RTP/SAVPF";
    public const string DataProtocol = "UDP/DTLS/SCTP";
    public const string DataFormat = "webrtc-datachannel";

    /// <summary>The pre-RFC 8841 data-channel protocol, still some stacks' default: <c>m=application 9 DTLS/SCTP 5000</c>.</summary>
    public const string LegacyDataProtocol = "DTLS/SCTP";

    public MediaDescription(string kind, int port, string protocol, IEnumerable<string> formats)
    {
        Kind = kind;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary>"audio", "video", "application", …</summary>
    public string Kind { get; }
    public int Port { get; set; }
    public int? PortCount { get; set; }
    public string Protocol { get; }
    public List<string> Formats { get; }

    /// <summary>Where the <c>m=</c> line was in the parsed text (0 when built in code), for error messages.</summary>
    public int LineNumber { get; internal set; }

    /// <summary>Port 0 without bundle-only: the answerer refused this section.</summary>
    public bool IsRejected => Port == 0 && !HasAttribute("bundle-only");

    public bool IsDataChannel => Kind == "application" && Protocol.EndsWith("SCTP", StringComparison.Ordinal)
        && (Formats.Contains(DataFormat) || IsLegacyDataChannel);

    /// <summary>
    /// The legacy form: the SCTP port as the format and <c>a=sctpmap:&lt;port&gt; webrtc-datachannel &lt;streams&gt;</c>,
    /// which libwebrtc still accepts, so an answer to it must be written the same way.
    /// </summary>
    public bool IsLegacyDataChannel => Kind == "application" && LegacySctpMapPort is { } port
        && Formats.Contains(port.ToString(CultureInfo.InvariantCulture));

    public string? Mid => Attribute("mid");
    public bool RtcpMux => HasAttribute("rtcp-mux");
    public int? SctpPort => ReadInt("sctp-port") ?? LegacySctpMapPort;
    public int? MaxMessageSize => ReadInt("max-message-size");

    public SdpDirection Direction =>
        Attributes.Select(a => SdpTokens.ParseDirection(a.Name)).FirstOrDefault(d => d is not null) ?? SdpDirection.SendRecv;

    public IReadOnlyList<SdpRtpMap> RtpMaps => [.. AttributeValues("rtpmap").Select(v => SdpRtpMap.Parse(v ?? ""))];

    /// <summary>The format parameters for a payload type ("minptime=10;useinbandfec=1"), or null.</summary>
    public string? Fmtp(int payloadType)
    {
        string prefix = payloadType.ToString(CultureInfo.InvariantCulture) + " ";
        return AttributeValues("fmtp").FirstOrDefault(v => v is not null && v.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    public string ToLineValue()
    {
        var text = new StringBuilder(Kind).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (PortCount is { } count)
        {
            text.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }
        return text.Append(' ').Append(Protocol).Append(' ').AppendJoin(' ', Formats).ToString();
    }

    /// <summary>
    /// The payload formats this section offers, in its m= line order (the order of preference), each with its rtpmap;
    /// the static payload types 0 (PCMU) and 8 (PCMA) need none (RFC 3551).
    /// </summary>
    public IReadOnlyList<SdpRtpMap> AudioFormats
    {
        get
        {
            IReadOnlyList<SdpRtpMap> maps = RtpMaps;
            var formats = new List<SdpRtpMap>();
            foreach (string format in Formats)
            {
                if (SdpRtpMap.TryPayloadType(format, out int payloadType)
                    && (maps.FirstOrDefault(m => m.PayloadType == payloadType) ?? SdpRtpMap.Static(payloadType)) is { } map)
                {
                    formats.Add(map);
                }
            }
            return formats;
        }
    }

    private int? LegacySctpMapPort => AttributeValues("sctpmap")
        .Select(v => (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(parts => parts.Length >= 2 && parts[1] == DataFormat)
        .Select(parts => int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int port) ? port : (int?)null)
        .FirstOrDefault(port => port is not null);

    private int? ReadInt(string name) =>
        Attribute(name) is { } value && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : null;
}
