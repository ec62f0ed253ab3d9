using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Realtime.WebRtc.Dtls;

/// <summary>
/// The local ECDSA P-256 self-signed certificate (RFC 8827 §6.5). WebRTC never validates chains: peers
/// trust whatever certificate matches the fingerprint exchanged in SDP, so one is generated per process or call.
/// </summary>
public sealed class DtlsCertificate
{
    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey)
    {
        DerEncoded = der;
        PrivateKey = privateKey;
        Fingerprint = DtlsFingerprint.Compute(der);
    }

    /// <summary>The certificate in DER, as sent in the DTLS Certificate message.</summary>
    public byte[] DerEncoded { get; }

    /// <summary>The <c>sha-256</c> fingerprint for the local <c>a=fingerprint</c> line.</summary>
    public DtlsFingerprint Fingerprint { get; }

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>Generates a fresh key pair and a certificate valid from yesterday for <paramref name="validity"/> (30 days by default).</summary>
    public static DtlsCertificate Generate(string commonName = "WebRTC", TimeSpan? validity = null)
    {
        var random = new SecureRandom();
        AsymmetricCipherKeyPair keys = GenerateKeyPair(random);
        var generator = new X509V3CertificateGenerator();
        var name = new X509Name("CN=" + commonName);
        generator.SetSerialNumber(new BigInteger(63, random).Add(BigInteger.One));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        // Backdated a day so a peer with a slightly wrong clock does not see a not-yet-valid certificate.
        generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        generator.SetNotAfter(DateTime.UtcNow.Add(validity ?? TimeSpan.FromDays(30)));
        generator.SetPublicKey(keys.Public);
        X509Certificate certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keys.Private, random));
        return new DtlsCertificate(certificate.GetEncoded(), keys.Private);
    }

    private static AsymmetricCipherKeyPair GenerateKeyPair(SecureRandom random)
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        return generator.GenerateKeyPair();
    }
}
