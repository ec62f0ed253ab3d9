namespace Realtime.WebRtc.Srtp;

/// <summary>
/// The SRTP key derivation function (RFC 3711 §4.3): AES-CM keyed with the master key over
/// (master salt XOR label) · 2^16. WebRTC never rekeys, so the key derivation rate is zero and the packet
/// index takes no part. The 12-byte salts of the AEAD profiles are zero-padded on the right (RFC 7714 §11).
/// </summary>
internal static class SrtpKeyDerivation
{
    private const int PrfSaltLength = 14;
    private const int LabelOffset = 7;

    /// <summary>Derives <paramref name="length"/> bytes of session material for <paramref name="label"/>.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, SrtpKeyLabel label, int length)
    {
        Span<byte> iv = stackalloc byte[16];
        masterSalt[..Math.Min(masterSalt.Length, PrfSaltLength)].CopyTo(iv);
        iv[LabelOffset] ^= (byte)label;
        using var prf = new AesCounterKeystream(masterKey);
        return prf.Generate(iv, length);
    }
}
