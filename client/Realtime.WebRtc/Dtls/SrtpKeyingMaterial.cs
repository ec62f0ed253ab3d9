namespace Realtime.WebRtc.Dtls;

/// <summary>
/// SRTP master keys and salts exported from the DTLS handshake (RFC 5764 §4.2): the exporter output
/// <c>EXTRACTOR-dtls_srtp</c> is client key | server key | client salt | server salt. The client protects
/// what it sends with the client key, so "local" and "remote" depend on this peer's role.
/// </summary>
public sealed class SrtpKeyingMaterial
{
    internal SrtpKeyingMaterial(SrtpProfile profile, DtlsRole localRole, byte[] clientKey, byte[] serverKey, byte[] clientSalt, byte[] serverSalt)
    {
        Profile = profile;
        LocalRole = localRole;
        ClientKey = clientKey;
        ServerKey = serverKey;
        ClientSalt = clientSalt;
        ServerSalt = serverSalt;
    }

    public SrtpProfile Profile { get; }
    public DtlsRole LocalRole { get; }
    public byte[] ClientKey { get; }
    public byte[] ServerKey { get; }
    public byte[] ClientSalt { get; }
    public byte[] ServerSalt { get; }

    /// <summary>Key for SRTP this peer sends.</summary>
    public byte[] LocalKey => LocalRole == DtlsRole.Client ? ClientKey : ServerKey;
    /// <summary>Salt for SRTP this peer sends.</summary>
    public byte[] LocalSalt => LocalRole == DtlsRole.Client ? ClientSalt : ServerSalt;
    /// <summary>Key for SRTP the peer sends.</summary>
    public byte[] RemoteKey => LocalRole == DtlsRole.Client ? ServerKey : ClientKey;
    /// <summary>Salt for SRTP the peer sends.</summary>
    public byte[] RemoteSalt => LocalRole == DtlsRole.Client ? ServerSalt : ClientSalt;

    /// <summary>Master key and salt lengths in bytes for a profile.</summary>
    public static (int KeyLength, int SaltLength) LengthsOf(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.Aes128CmHmacSha1_32 => (16, 14),
        SrtpProfile.AeadAes128Gcm => (16, 12),
        SrtpProfile.AeadAes256Gcm => (32, 12),
        _ => throw new NotSupportedException($"SRTP profile {profile} is not supported."),
    };

    /// <summary>Splits the exporter output into its four parts.</summary>
    internal static SrtpKeyingMaterial Split(SrtpProfile profile, DtlsRole localRole, ReadOnlySpan<byte> exported)
    {
        var (key, salt) = LengthsOf(profile);
        return new SrtpKeyingMaterial(profile, localRole,
            exported[..key].ToArray(),
            exported.Slice(key, key).ToArray(),
            exported.Slice(2 * key, salt).ToArray(),
            exported.Slice(2 * key + salt, salt).ToArray());
    }
}
