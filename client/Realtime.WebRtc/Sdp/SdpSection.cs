using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Sdp;

/// <summary>
/// Lines of the session part or of one media section, in order, with typed readers for the attributes WebRTC
/// uses. Transport attributes may sit at either level, so both kinds of section share these readers.
/// </summary>
public abstract class SdpSection
{
    public List<SdpLine> Lines { get; } = [];

    public IEnumerable<SdpAttribute> Attributes =>
        Lines.Where(l => l.Type == 'a').Select(l => SdpAttribute.FromLineValue(l.Value));

    public string? IceUfrag => Attribute("ice-ufrag");
    public string? IcePwd => Attribute("ice-pwd");
    public bool IceLite => HasAttribute("ice-lite");
    public SdpFingerprint? Fingerprint => Attribute("fingerprint") is { } value ? SdpFingerprint.Parse(value) : null;
    public SdpSetup? Setup => SdpTokens.ParseSetup(Attribute("setup"));
    public bool EndOfCandidates => HasAttribute("end-of-candidates");

    public IReadOnlyList<IceCandidate> Candidates =>
        [.. AttributeValues("candidate").Select(v => IceCandidate.TryParse(v ?? "", out IceCandidate? c) ? c : null).OfType<IceCandidate>()];

    /// <summary>The value of the first attribute with this name ("" for a flag), or null when absent.</summary>
    public string? Attribute(string name) => Attributes.Where(a => a.Name == name).Select(a => a.Value ?? "").FirstOrDefault();

    public IEnumerable<string?> AttributeValues(string name) => Attributes.Where(a => a.Name == name).Select(a => a.Value);

    public bool HasAttribute(string name) => Attributes.Any(a => a.Name == name);

    public void AddAttribute(string name, string? value = null) => Lines.Add(new SdpLine('a', new SdpAttribute(name, value).ToLineValue()));

    public void AddLine(char type, string value) => Lines.Add(new SdpLine(type, value));
}
