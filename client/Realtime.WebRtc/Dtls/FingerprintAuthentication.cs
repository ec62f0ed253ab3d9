using Org.BouncyCastle.Tls;

namespace Realtime.WebRtc.Dtls;

/// <summary>
/// Client-side authentication: the server certificate is trusted by fingerprint alone, and the local
/// certificate is always offered because WebRTC servers require one.
/// </summary>
internal sealed class FingerprintAuthentication(DtlsHandshakePolicy policy, TlsContext context) : TlsAuthentication
{
    public void NotifyServerCertificate(TlsServerCertificate serverCertificate) => policy.VerifyPeer(serverCertificate.Certificate);

    public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) => policy.CreateSigner(context);
}
