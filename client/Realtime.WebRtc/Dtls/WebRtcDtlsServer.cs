using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Realtime.WebRtc.Dtls;

/// <summary>BouncyCastle's server, narrowed to DTLS 1.2 and the WebRTC profile held by <see cref="DtlsHandshakePolicy"/>.</summary>
internal sealed class WebRtcDtlsServer(BcTlsCrypto crypto, DtlsHandshakePolicy policy) : DefaultTlsServer(crypto)
{
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => policy.CipherSuites();

    public override int GetHandshakeTimeoutMillis() => (int)policy.Options.HandshakeTimeout.TotalMilliseconds;

    public override int GetHandshakeResendTimeMillis() => (int)policy.Options.HandshakeResendInterval.TotalMilliseconds;

    public override bool RequiresExtendedMasterSecret() => true;

    // Self-signed peer certificates may be signed with anything; only the fingerprint matters.
    public override bool ShouldCheckSigAlgOfPeerCerts() => false;

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => policy.CreateSigner(m_context);

    public override CertificateRequest GetCertificateRequest() => DtlsHandshakePolicy.CreateCertificateRequest(m_context);

    public override void NotifyClientCertificate(Certificate clientCertificate) => policy.VerifyPeer(clientCertificate);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        policy.SelectSrtp(clientExtensions);
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        policy.AnswerSrtp(extensions);
        return extensions;
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        policy.OnHandshakeComplete(m_context);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        policy.OnAlertReceived(alertLevel, alertDescription);

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        policy.OnAlertRaised(alertLevel, alertDescription, message);
}
