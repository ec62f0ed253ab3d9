using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Srtp;

/// <summary>
/// SRTP_AEAD_AES_128_GCM / _256_GCM (RFC 7714): AES-GCM seals the payload with the RTP header as associated
/// data, so one primitive gives both confidentiality and the 16-byte tag. SRTCP puts the tag before the
/// E-bit/index word, which is authenticated as associated data (§9.1, §17).
/// </summary>
internal sealed class AesGcmCipher : ISrtpCipher
{
    private const int TagLength = 16;
    private const int NonceLength = 12;
    private const int RtcpHeaderLength = 8;
    private const int IndexWordLength = 4;
    private readonly AesGcm _rtp;
    private readonly AesGcm _rtcp;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;

    public AesGcmCipher(SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys)
    {
        _rtp = new AesGcm(rtpKeys.EncryptionKey, TagLength);
        _rtcp = new AesGcm(rtcpKeys.EncryptionKey, TagLength);
        _rtpSalt = rtpKeys.Salt;
        _rtcpSalt = rtcpKeys.Salt;
    }

    /// <summary>IV = (0x0000 ‖ SSRC ‖ ROC ‖ SEQ) XOR salt (RFC 7714 §8.1); SRTCP puts its 31-bit index where ROC and SEQ go (§9.1).</summary>
    public static byte[] Nonce(ReadOnlySpan<byte> salt, uint ssrc, ulong index)
    {
        var nonce = new byte[NonceLength];
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(2), ssrc);
        BinaryPrimitives.WriteUInt16BigEndian(nonce.AsSpan(6), (ushort)(index >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), (uint)index);
        for (int i = 0; i < NonceLength; i++)
        {
            nonce[i] ^= salt[i];
        }
        return nonce;
    }

    public byte[] ProtectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        var output = new byte[packet.Length + TagLength];
        packet[..headerLength].CopyTo(output);
        _rtp.Encrypt(Nonce(_rtpSalt, ssrc, index), packet[headerLength..], output.AsSpan(headerLength, packet.Length - headerLength),
            output.AsSpan(packet.Length), packet[..headerLength]);
        return output;
    }

    public byte[]? UnprotectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        int tagAt = packet.Length - TagLength;
        if (tagAt < headerLength)
        {
            return null;
        }
        var plain = new byte[tagAt];
        packet[..headerLength].CopyTo(plain);
        return TryDecrypt(_rtp, Nonce(_rtpSalt, ssrc, index), packet[headerLength..tagAt], packet[tagAt..], plain.AsSpan(headerLength), packet[..headerLength])
            ? plain
            : null;
    }

    public byte[] ProtectRtcp(ReadOnlySpan<byte> packet, uint ssrc, uint index)
    {
        var output = new byte[packet.Length + TagLength + IndexWordLength];
        packet[..RtcpHeaderLength].CopyTo(output);
        Span<byte> word = output.AsSpan(output.Length - IndexWordLength);
        BinaryPrimitives.WriteUInt32BigEndian(word, 0x8000_0000u | index);
        _rtcp.Encrypt(Nonce(_rtcpSalt, ssrc, index), packet[RtcpHeaderLength..], output.AsSpan(RtcpHeaderLength, packet.Length - RtcpHeaderLength),
            output.AsSpan(packet.Length, TagLength), RtcpAssociatedData(packet, word));
        return output;
    }

    public bool TryReadRtcpIndex(ReadOnlySpan<byte> packet, out uint index, out bool encrypted)
    {
        if (packet.Length < RtcpHeaderLength + TagLength + IndexWordLength)
        {
            (index, encrypted) = (0, false);
            return false;
        }
        uint word = BinaryPrimitives.ReadUInt32BigEndian(packet[^IndexWordLength..]);
        (index, encrypted) = (word & 0x7FFF_FFFF, (word & 0x8000_0000) != 0);
        return true;
    }

    public byte[]? UnprotectRtcp(ReadOnlySpan<byte> packet, uint ssrc)
    {
        if (!TryReadRtcpIndex(packet, out uint index, out bool encrypted))
        {
            return null;
        }
        ReadOnlySpan<byte> word = packet[^IndexWordLength..];
        int tagAt = packet.Length - IndexWordLength - TagLength;
        byte[] nonce = Nonce(_rtcpSalt, ssrc, index);
        if (!encrypted)
        {
            // Tagged only (§17.3): the whole packet and the index word are associated data.
            byte[] associated = [.. packet[..tagAt], .. word];
            return TryDecrypt(_rtcp, nonce, [], packet[tagAt..^IndexWordLength], [], associated) ? packet[..tagAt].ToArray() : null;
        }
        var plain = new byte[tagAt];
        packet[..RtcpHeaderLength].CopyTo(plain);
        return TryDecrypt(_rtcp, nonce, packet[RtcpHeaderLength..tagAt], packet[tagAt..^IndexWordLength], plain.AsSpan(RtcpHeaderLength), RtcpAssociatedData(packet, word))
            ? plain
            : null;
    }

    public void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }

    private static byte[] RtcpAssociatedData(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> word) => [.. packet[..RtcpHeaderLength], .. word];

    private static bool TryDecrypt(AesGcm gcm, byte[] nonce, ReadOnlySpan<byte> cipher, ReadOnlySpan<byte> tag, Span<byte> plain, ReadOnlySpan<byte> associated)
    {
        try
        {
            gcm.Decrypt(nonce, cipher, tag, plain, associated);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
