using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Realtime.WebRtc.Dtls;

/// <summary>BouncyCastle's client, narrowed to DTLS 1.2 and the WebRTC profile held by <see cref="DtlsHandshakePolicy"/>.</summary>
internal sealed class WebRtcDtlsClient(BcTlsCrypto crypto, DtlsHandshakePolicy policy) : DefaultTlsClient(crypto)
{
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => policy.CipherSuites();

    public override int GetHandshakeTimeoutMillis() => (int)policy.Options.HandshakeTimeout.TotalMilliseconds;

    public override int GetHandshakeResendTimeMillis() => (int)policy.Options.HandshakeResendInterval.TotalMilliseconds;

    public override bool RequiresExtendedMasterSecret() => true;

    public override bool ShouldCheckSigAlgOfPeerCerts() => false;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        policy.OfferSrtp(extensions);
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        policy.AcceptSrtp(serverExtensions);
    }

    public override TlsAuthentication GetAuthentication() => new FingerprintAuthentication(policy, m_context);

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
