namespace Realtime.WebRtc.Srtp;

/// <summary>
/// One SRTP transform for both RTP and RTCP: AES-CM with HMAC-SHA1 (RFC 3711) or AES-GCM (RFC 7714). The
/// context owns indices and replay; a cipher only turns (packet, index) into protected bytes and back.
/// </summary>
internal interface ISrtpCipher : IDisposable
{
    /// <summary>Encrypts the payload after <paramref name="headerLength"/> and appends the tag.</summary>
    byte[] ProtectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index);

    /// <summary>Verifies and decrypts; null when the tag does not verify.</summary>
    byte[]? UnprotectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index);

    /// <summary>Encrypts everything after the 8-byte RTCP header and adds the E-bit/index word and the tag.</summary>
    byte[] ProtectRtcp(ReadOnlySpan<byte> packet, uint ssrc, uint index);

    /// <summary>Reads the SRTCP index from its trailer; false when the packet is too short to hold one.</summary>
    bool TryReadRtcpIndex(ReadOnlySpan<byte> packet, out uint index, out bool encrypted);

    /// <summary>Verifies and decrypts an SRTCP packet whose index was read with <see cref="TryReadRtcpIndex"/>; null when the tag does not verify.</summary>
    byte[]? UnprotectRtcp(ReadOnlySpan<byte> packet, uint ssrc);
}
