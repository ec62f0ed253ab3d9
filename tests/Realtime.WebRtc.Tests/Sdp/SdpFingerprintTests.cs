using System.Globalization;
using System.Security.Cryptography;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Tests.Sdp;

public sealed class SdpFingerprintTests
{
    private static readonly byte[] Certificate = "a DER certificate stand-in"u8.ToArray();

    [Fact]
    public void Sha256_fingerprint_is_written_as_uppercase_colon_separated_hex()
    {
        SdpFingerprint fingerprint = SdpFingerprint.Sha256(Certificate);

        string expected = "sha-256 " + string.Join(':', SHA256.HashData(Certificate).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        Assert.Equal(expected, fingerprint.ToString());
        Assert.Equal(fingerprint, SdpFingerprint.Parse(expected));
        Assert.Equal(fingerprint, SdpFingerprint.Parse(expected.Replace("sha-256", "SHA-256").ToLowerInvariant()));
    }

    [Fact]
    public void The_signalled_certificate_matches_and_any_other_does_not()
    {
        SdpFingerprint fingerprint = SdpFingerprint.Sha256(Certificate);

        Assert.True(fingerprint.Matches(Certificate));
        Assert.False(fingerprint.Matches([.. Certificate, 0]));
        // The weak hashes are computed only to show what a fingerprint of each algorithm matches.
#pragma warning disable CA5350, CA5351
        Assert.True(new SdpFingerprint("sha-1", SHA1.HashData(Certificate)).Matches(Certificate));
        Assert.False(new SdpFingerprint("md5", MD5.HashData(Certificate)).Matches(Certificate));
#pragma warning restore CA5350, CA5351
    }
}
