using System.Text;

namespace Realtime.WebRtc.Sdp;

/// <summary>
/// A parsed or built SDP (RFC 8866) as WebRTC uses it (RFC 8829): the session-level lines, then the media
/// sections. Written back with CRLF line ends in the order the lines are held.
/// </summary>
public sealed class SessionDescription : SdpSection
{
    public List<MediaDescription> Media { get; } = [];

    public SdpOrigin Origin => SdpOrigin.Parse(Lines.First(l => l.Type == 'o').Value);

    public string SessionName => Lines.First(l => l.Type == 's').Value;

    /// <summary>The mids of <c>a=group:BUNDLE</c>, first being the tag whose transport everyone shares; empty when none.</summary>
    public IReadOnlyList<string> BundleGroup =>
        AttributeValues("group").Select(v => (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(parts => parts.Length > 0 && parts[0] == "BUNDLE")?[1..] ?? [];

    /// <summary>Parses SDP text; LF or CRLF line ends. Throws <see cref="SdpParseException"/> with the offending line.</summary>
    public static SessionDescription Parse(string text) => SdpParser.Parse(text);

    public MediaDescription? FindMedia(string mid) => Media.FirstOrDefault(m => m.Mid == mid);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (SdpLine line in Lines)
        {
            text.Append(line.Type).Append('=').Append(line.Value).Append("\r\n");
        }
        foreach (MediaDescription media in Media)
        {
            text.Append("m=").Append(media.ToLineValue()).Append("\r\n");
            foreach (SdpLine line in media.Lines)
            {
                text.Append(line.Type).Append('=').Append(line.Value).Append("\r\n");
            }
        }
        return text.ToString();
    }
}
