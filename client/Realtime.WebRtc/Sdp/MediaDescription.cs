using System.Globalization;
using System.Text;

namespace Realtime.WebRtc.Sdp;

/// <summary>One <c>m=</c> section: the media line itself plus the lines that follow it.</summary>
public sealed class MediaDescription : SdpSection
{
    public const string AudioProtocol = "UDP/TLS/RTP/SAVPF";
    public const string DataProtocol = "UDP/DTLS/SCTP";
    public const string DataFormat = "webrtc-datachannel";

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

    public bool IsDataChannel => Kind == "application" && Protocol.EndsWith("SCTP", StringComparison.Ordinal) && Formats.Contains(DataFormat);

    public string? Mid => Attribute("mid");
    public bool RtcpMux => HasAttribute("rtcp-mux");
    public int? SctpPort => ReadInt("sctp-port");
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

    private int? ReadInt(string name) =>
        Attribute(name) is { } value && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : null;
}
