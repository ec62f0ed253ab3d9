using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Realtime.WebRtc.Dtls;

/// <summary>
/// Everything the WebRTC profile of DTLS (RFC 8827) asks of either role, kept out of the BouncyCastle
/// client and server subclasses so they stay thin: suites, the local signer, the fingerprint check,
/// use_srtp negotiation and the keying-material export. Results are read by <see cref="DtlsEndpoint"/>
/// after the worker thread finishes the handshake.
/// </summary>
internal sealed class DtlsHandshakePolicy(DtlsRole role, DtlsCertificate local, DtlsFingerprint remote, DtlsOptions options, BcTlsCrypto crypto)
{
    private const string SrtpExporterLabel = "EXTRACTOR-dtls_srtp";

    // ECDHE_ECDSA only: the local certificate is ECDSA. AES-128-GCM first, as Chrome and OpenAI prefer.
    private static readonly int[] Suites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    ];

    public DtlsOptions Options => options;
    public SrtpProfile? SelectedSrtpProfile { get; private set; }
    public SrtpKeyingMaterial? SrtpKeys { get; private set; }
    public byte[]? PeerCertificate { get; private set; }
    public bool PeerSentCloseNotify { get; private set; }
    public string? AlertDescriptionText { get; private set; }

    public int[] CipherSuites() => TlsUtilities.GetSupportedCipherSuites(crypto, Suites);

    public Certificate LocalCertificateChain() => new([new BcTlsCertificate(crypto, local.DerEncoded)]);

    /// <summary>Signs with the local ECDSA key using ecdsa_secp256r1_sha256, which every WebRTC stack accepts.</summary>
    public TlsCredentialedSigner CreateSigner(TlsContext context) =>
        new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, local.PrivateKey,
            LocalCertificateChain(), new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));

    /// <summary>
    /// The server's request for the client certificate. Chrome refuses a CertificateRequest without
    /// <c>ecdsa_sign</c> in its certificate types, and WebRTC needs the client certificate to authenticate it.
    /// </summary>
    public static CertificateRequest CreateCertificateRequest(TlsContext context) =>
        new([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign],
            TlsUtilities.GetDefaultSupportedSignatureAlgorithms(context), null);

    /// <summary>Accepts the peer only if its end-entity certificate hashes to the SDP fingerprint.</summary>
    public void VerifyPeer(Certificate? chain)
    {
        if (chain is null || chain.IsEmpty)
        {
            throw Reject(AlertDescription.handshake_failure, "the peer sent no certificate");
        }
        byte[] der = chain.GetCertificateAt(0).GetEncoded();
        if (!remote.Matches(der))
        {
            throw Reject(AlertDescription.bad_certificate, "the peer certificate does not match the SDP fingerprint");
        }
        PeerCertificate = der;
    }

    /// <summary>Client side: offer every configured profile, no MKI (RFC 5764 §4.1.1).</summary>
    public void OfferSrtp(IDictionary<int, byte[]> clientExtensions)
    {
        int[] profiles = options.SrtpProfiles.Select(p => (int)p).ToArray();
        if (profiles.Length > 0)
        {
            TlsSrtpUtilities.AddUseSrtpExtension(clientExtensions, new UseSrtpData(profiles, TlsUtilities.EmptyBytes));
        }
    }

    /// <summary>Server side: pick our most preferred profile among those the client offered.</summary>
    public void SelectSrtp(IDictionary<int, byte[]>? clientExtensions)
    {
        UseSrtpData? offered = clientExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (offered is null)
        {
            return;
        }
        SelectedSrtpProfile = options.SrtpProfiles.Cast<SrtpProfile?>()
            .FirstOrDefault(p => offered.ProtectionProfiles.Contains((int)p!.Value));
    }

    /// <summary>Server side: echo the chosen profile in the ServerHello.</summary>
    public void AnswerSrtp(IDictionary<int, byte[]> serverExtensions)
    {
        if (SelectedSrtpProfile is { } profile)
        {
            TlsSrtpUtilities.AddUseSrtpExtension(serverExtensions, new UseSrtpData([(int)profile], TlsUtilities.EmptyBytes));
        }
    }

    /// <summary>Client side: the server must choose exactly one profile we offered.</summary>
    public void AcceptSrtp(IDictionary<int, byte[]>? serverExtensions)
    {
        UseSrtpData? chosen = serverExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        if (chosen is null)
        {
            return;
        }
        if (chosen.ProtectionProfiles.Length != 1 || !options.SrtpProfiles.Contains((SrtpProfile)chosen.ProtectionProfiles[0]))
        {
            throw Reject(AlertDescription.illegal_parameter, "the server chose an SRTP profile we did not offer");
        }
        SelectedSrtpProfile = (SrtpProfile)chosen.ProtectionProfiles[0];
    }

    /// <summary>
    /// Runs inside BouncyCastle's handshake-complete callback: the only moment the exporter works, since
    /// the protocol clears its security parameters as soon as Accept/Connect returns.
    /// </summary>
    public void OnHandshakeComplete(TlsContext context)
    {
        if (SelectedSrtpProfile is not { } profile)
        {
            return;
        }
        var (key, salt) = SrtpKeyingMaterial.LengthsOf(profile);
        byte[] exported = context.ExportKeyingMaterial(SrtpExporterLabel, null, 2 * (key + salt));
        SrtpKeys = SrtpKeyingMaterial.Split(profile, role, exported);
    }

    private TlsFatalAlert Reject(short description, string reason)
    {
        AlertDescriptionText = reason;
        return new TlsFatalAlert(description, reason);
    }

    public void OnAlertReceived(short level, short description)
    {
        if (description == AlertDescription.close_notify)
        {
            PeerSentCloseNotify = true;
        }
        else if (level == AlertLevel.fatal)
        {
            AlertDescriptionText = "peer sent fatal alert: " + AlertDescription.GetText(description);
        }
    }

    public void OnAlertRaised(short level, short description, string? message)
    {
        if (level == AlertLevel.fatal)
        {
            AlertDescriptionText ??= message ?? "fatal alert: " + AlertDescription.GetText(description);
        }
    }
}
