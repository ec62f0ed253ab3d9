using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Sdp;

/// <summary>
/// <c>a=fingerprint:sha-256 AB:CD:…</c> (RFC 8122): the hash of the peer's DTLS certificate, which is how the
/// signalling channel vouches for a self-signed certificate.
/// </summary>
public sealed class SdpFingerprint : IEquatable<SdpFingerprint>
{
    public SdpFingerprint(string algorithm, byte[] value)
    {
        Algorithm = algorithm.ToLowerInvariant();
        Value = value;
    }

    public string Algorithm { get; }
    public byte[] Value { get; }

    /// <summary>The SHA-256 fingerprint of a DER-encoded certificate, the one WebRTC peers use.</summary>
    public static SdpFingerprint Sha256(ReadOnlySpan<byte> certificateDer) => new("sha-256", SHA256.HashData(certificateDer));

    public static SdpFingerprint Parse(string value)
    {
        string[] parts = value.Trim().Split(' ');
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new FormatException("fingerprint must be '<hash function> <hex bytes separated by colons>'");
        }
        string[] octets = parts[1].Split(':');
        var bytes = new byte[octets.Length];
        for (int i = 0; i < octets.Length; i++)
        {
            if (octets[i].Length != 2 || !byte.TryParse(octets[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new FormatException($"fingerprint byte '{octets[i]}' is not two hex digits");
            }
        }
        return new SdpFingerprint(parts[0], bytes);
    }

    /// <summary>Whether a certificate the peer presented during the DTLS handshake is the one signalled.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "RFC 8122 lets a peer signal a sha-1 fingerprint; refusing it would refuse the peer.")]
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        byte[]? hash = Algorithm switch
        {
            "sha-1" => SHA1.HashData(certificateDer),
            "sha-256" => SHA256.HashData(certificateDer),
            "sha-384" => SHA384.HashData(certificateDer),
            "sha-512" => SHA512.HashData(certificateDer),
            _ => null,
        };
        return hash is not null && CryptographicOperations.FixedTimeEquals(hash, Value);
    }

    public bool Equals(SdpFingerprint? other) =>
        other is not null && Algorithm == other.Algorithm && Value.AsSpan().SequenceEqual(other.Value);

    public override bool Equals(object? obj) => Equals(obj as SdpFingerprint);

    public override int GetHashCode() => HashCode.Combine(Algorithm, Value.Length > 0 ? Value[0] : 0, Value.Length);

    public override string ToString() => $"{Algorithm} {Convert.ToHexString(Value).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b)}";
}
