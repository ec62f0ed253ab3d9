using Realtime.WebRtc.Dtls;

namespace Realtime.WebRtc.Srtp;

/// <summary>
/// Both directions of SRTP for one DTLS association: what this peer sends is protected with its own
/// exported key (client or server, by DTLS role), what it receives with the peer's (RFC 5764 §4.2).
/// </summary>
public sealed class SrtpSession : IDisposable
{
    private SrtpSession(SrtpContext outbound, SrtpContext inbound)
    {
        Outbound = outbound;
        Inbound = inbound;
    }

    /// <summary>Protects what this peer sends.</summary>
    public SrtpContext Outbound { get; }

    /// <summary>Unprotects what the peer sends.</summary>
    public SrtpContext Inbound { get; }

    /// <summary>Builds both contexts from the DTLS exporter output.</summary>
    public static SrtpSession From(SrtpKeyingMaterial keys) => new(
        new SrtpContext(keys.Profile, keys.LocalKey, keys.LocalSalt),
        new SrtpContext(keys.Profile, keys.RemoteKey, keys.RemoteSalt));

    public void Dispose()
    {
        Outbound.Dispose();
        Inbound.Dispose();
    }
}
