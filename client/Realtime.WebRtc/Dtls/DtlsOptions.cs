namespace Realtime.WebRtc.Dtls;

/// <summary>Tunables for a <see cref="DtlsEndpoint"/>; the defaults suit Chromium and OpenAI.</summary>
public sealed class DtlsOptions
{
    /// <summary>SRTP profiles offered (client) or accepted (server), most preferred first.</summary>
    public IReadOnlyList<SrtpProfile> SrtpProfiles { get; init; } = [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm];

    /// <summary>First flight retransmission timeout; BouncyCastle doubles it on each retry (RFC 6347 §4.2.4.1).</summary>
    public TimeSpan HandshakeResendInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The handshake is abandoned after this long.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest datagram the handshake writes; larger handshake messages are fragmented (RFC 6347 §4.2.3).</summary>
    public int MaxDatagramSize { get; init; } = 1200;
}
