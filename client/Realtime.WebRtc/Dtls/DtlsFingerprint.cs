using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Dtls;

/// <summary>
/// A certificate fingerprint as SDP carries it (<c>a=fingerprint:sha-256 AB:CD:…</c>, RFC 8122 §5).
/// The peer's certificate is self-signed, so this hash is the only thing that authenticates it.
/// </summary>
public sealed record DtlsFingerprint(string Algorithm, string Value)
{
    /// <summary>Hashes a DER certificate and formats it as upper-case colon-separated hex.</summary>
    public static DtlsFingerprint Compute(ReadOnlySpan<byte> certificateDer, string algorithm = "sha-256")
    {
        string normalized = algorithm.ToLowerInvariant();
        byte[] hash = Hash(normalized, certificateDer);
        return new DtlsFingerprint(normalized, BitConverter.ToString(hash).Replace('-', ':'));
    }

    /// <summary>Parses the value of an SDP fingerprint attribute: <c>"sha-256 AB:CD:…"</c>.</summary>
    public static DtlsFingerprint Parse(string attributeValue)
    {
        string[] parts = attributeValue.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"Not a fingerprint attribute: '{attributeValue}'.");
        }
        return new DtlsFingerprint(parts[0].ToLowerInvariant(), parts[1].Trim().ToUpperInvariant());
    }

    /// <summary>True when <paramref name="certificateDer"/> hashes to this fingerprint (case-insensitive hex).</summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        var actual = Compute(certificateDer, Algorithm);
        return string.Equals(actual.Value, Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The SDP form: <c>sha-256 AB:CD:…</c>.</summary>
    public override string ToString() => $"{Algorithm} {Value}";

    [SuppressMessage("Security", "CA5350", Justification = "RFC 8122 lets a peer signal a sha-1 fingerprint; refusing it would refuse the peer.")]
    private static byte[] Hash(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        "sha-1" => SHA1.HashData(data),
        "sha-256" => SHA256.HashData(data),
        "sha-384" => SHA384.HashData(data),
        "sha-512" => SHA512.HashData(data),
        _ => throw new NotSupportedException($"Fingerprint hash '{algorithm}' is not supported."),
    };
}
