using Realtime.WebRtc.Dtls;

namespace Realtime.WebRtc.Srtp;

/// <summary>The session keys one direction of SRTP or SRTCP uses, derived once from the master key and salt.</summary>
/// <param name="EncryptionKey">The AES key.</param>
/// <param name="AuthenticationKey">The HMAC-SHA1 key; empty for the AEAD profiles, which authenticate with GCM.</param>
/// <param name="Salt">The session salt that goes into every IV.</param>
internal sealed record SrtpSessionKeys(byte[] EncryptionKey, byte[] AuthenticationKey, byte[] Salt)
{
    private const int HmacKeyLength = 20;

    /// <summary>Derives the session keys for RTP (<paramref name="rtcp"/> false) or RTCP.</summary>
    public static SrtpSessionKeys Derive(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool rtcp)
    {
        var (keyLength, saltLength) = SrtpKeyingMaterial.LengthsOf(profile);
        bool aead = profile is SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm;
        var encryption = rtcp ? SrtpKeyLabel.RtcpEncryption : SrtpKeyLabel.RtpEncryption;
        var authentication = rtcp ? SrtpKeyLabel.RtcpAuthentication : SrtpKeyLabel.RtpAuthentication;
        var salt = rtcp ? SrtpKeyLabel.RtcpSalt : SrtpKeyLabel.RtpSalt;
        return new SrtpSessionKeys(
            SrtpKeyDerivation.Derive(masterKey, masterSalt, encryption, keyLength),
            aead ? [] : SrtpKeyDerivation.Derive(masterKey, masterSalt, authentication, HmacKeyLength),
            SrtpKeyDerivation.Derive(masterKey, masterSalt, salt, saltLength));
    }
}
