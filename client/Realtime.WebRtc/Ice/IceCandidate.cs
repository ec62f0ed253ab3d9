using System.Globalization;
using System.Net;
using System.Text;

namespace Realtime.WebRtc.Ice;

/// <summary>
/// One ICE candidate as written in SDP (RFC 8839 §5.1):
/// <c>foundation component transport priority address port typ type [raddr a rport p] *(name value)</c>.
/// The address is kept as text because browsers may hide host addresses behind mDNS names.
/// </summary>
public sealed record IceCandidate
{
    public required string Foundation { get; init; }
    public int Component { get; init; } = 1;

    /// <summary>"udp" or "tcp" as written (other tokens are kept: old Chrome wrote "ssltcp").</summary>
    public required string Transport { get; init; }
    public required uint Priority { get; init; }
    public required string Address { get; init; }
    public required int Port { get; init; }
    public required IceCandidateType Type { get; init; }
    public string? RelatedAddress { get; init; }
    public int? RelatedPort { get; init; }

    /// <summary>Extension attributes in order (<c>tcptype</c>, <c>generation</c>, <c>ufrag</c>, <c>network-id</c>…).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; init; } = [];

    public bool IsUdp => Transport.Equals("udp", StringComparison.OrdinalIgnoreCase);

    /// <summary>The address as an endpoint, or null when it is a hostname (mDNS) that we do not resolve.</summary>
    public IPEndPoint? EndPoint => IPAddress.TryParse(Address, out IPAddress? ip) ? new IPEndPoint(ip, Port) : null;

    public string? TcpType => Extensions.FirstOrDefault(e => e.Key == "tcptype").Value;

    /// <summary>RFC 8445 §5.1.2.1: type preference in the top byte, local preference in the middle, component last.</summary>
    public static uint ComputePriority(IceCandidateType type, int localPreference, int component = 1) =>
        ((uint)TypePreference(type) << 24) | ((uint)(localPreference & 0xFFFF) << 8) | (uint)(256 - component);

    public static int TypePreference(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => 126,
        IceCandidateType.PeerReflexive => 110,
        IceCandidateType.ServerReflexive => 100,
        _ => 0,
    };

    /// <summary>A UDP host candidate for a bound socket; the foundation is derived from the address so it is stable.</summary>
    public static IceCandidate CreateHost(IPEndPoint endPoint, int localPreference = 65535) => new()
    {
        Foundation = FoundationFor("host", endPoint.Address),
        Transport = "udp",
        Priority = ComputePriority(IceCandidateType.Host, localPreference),
        Address = endPoint.Address.ToString(),
        Port = endPoint.Port,
        Type = IceCandidateType.Host,
    };

    /// <summary>A remote candidate learned from the source of an authenticated check (RFC 8445 §7.3.1.3).</summary>
    public static IceCandidate CreatePeerReflexive(IPEndPoint endPoint, uint priority) => new()
    {
        Foundation = FoundationFor("prflx", endPoint.Address),
        Transport = "udp",
        Priority = priority,
        Address = endPoint.Address.ToString(),
        Port = endPoint.Port,
        Type = IceCandidateType.PeerReflexive,
    };

    /// <summary>Parses the attribute value, with or without the leading <c>candidate:</c> (browsers include it).</summary>
    public static IceCandidate Parse(string text) => IceCandidateParser.Parse(text);

    public static bool TryParse(string text, out IceCandidate? candidate)
    {
        try
        {
            candidate = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            candidate = null;
            return false;
        }
    }

    /// <summary>The value of an <c>a=candidate:</c> line (without "candidate:").</summary>
    public string ToSdpValue()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Foundation} {Component} {Transport} {Priority} {Address} {Port} typ {TypeToken(Type)}");
        if (RelatedAddress is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" raddr {RelatedAddress} rport {RelatedPort ?? 0}");
        }
        foreach ((string name, string value) in Extensions)
        {
            text.Append(CultureInfo.InvariantCulture, $" {name} {value}");
        }
        return text.ToString();
    }

    /// <summary>Candidates are equal when they would be written the same (the extension list compares by content).</summary>
    public bool Equals(IceCandidate? other) => other is not null && ToSdpValue() == other.ToSdpValue();

    public override int GetHashCode() => ToSdpValue().GetHashCode(StringComparison.Ordinal);

    /// <summary>The browser form, <c>candidate:…</c>.</summary>
    public override string ToString() => "candidate:" + ToSdpValue();

    public static string TypeToken(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => "host",
        IceCandidateType.ServerReflexive => "srflx",
        IceCandidateType.PeerReflexive => "prflx",
        _ => "relay",
    };

    private static string FoundationFor(string kind, IPAddress address) =>
        (Stun.Crc32.Compute(Encoding.ASCII.GetBytes(kind + address)) & 0x7FFFFFFF).ToString(CultureInfo.InvariantCulture);
}
