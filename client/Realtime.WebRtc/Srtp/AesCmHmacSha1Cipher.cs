using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Srtp;

/// <summary>
/// SRTP_AES128_CM_HMAC_SHA1_80 (and _32 for RTP tags): AES counter mode for confidentiality, a truncated
/// HMAC-SHA1 over the packet and the rollover counter for integrity (RFC 3711 §4.1.1, §4.2.1). SRTCP always
/// carries the 80-bit tag after its E-bit/index word (§3.4).
/// </summary>
internal sealed class AesCmHmacSha1Cipher : ISrtpCipher
{
    private const int RtcpHeaderLength = 8;
    private const int RtcpTagLength = 10;
    private const int IndexWordLength = 4;
    private readonly SrtpSessionKeys _rtpKeys;
    private readonly SrtpSessionKeys _rtcpKeys;
    private readonly AesCounterKeystream _rtpCipher;
    private readonly AesCounterKeystream _rtcpCipher;
    private readonly int _rtpTagLength;

    public AesCmHmacSha1Cipher(SrtpSessionKeys rtpKeys, SrtpSessionKeys rtcpKeys, int rtpTagLength)
    {
        _rtpKeys = rtpKeys;
        _rtcpKeys = rtcpKeys;
        _rtpCipher = new AesCounterKeystream(rtpKeys.EncryptionKey);
        _rtcpCipher = new AesCounterKeystream(rtcpKeys.EncryptionKey);
        _rtpTagLength = rtpTagLength;
    }

    /// <summary>IV = (k_s · 2^16) XOR (SSRC · 2^64) XOR (index · 2^16), RFC 3711 §4.1.1.</summary>
    public static byte[] CounterIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index)
    {
        var iv = new byte[16];
        salt.CopyTo(iv);
        iv[4] ^= (byte)(ssrc >> 24);
        iv[5] ^= (byte)(ssrc >> 16);
        iv[6] ^= (byte)(ssrc >> 8);
        iv[7] ^= (byte)ssrc;
        for (int i = 0; i < 6; i++)
        {
            iv[13 - i] ^= (byte)(index >> (8 * i));
        }
        return iv;
    }

    public byte[] ProtectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        var output = new byte[packet.Length + _rtpTagLength];
        packet.CopyTo(output);
        _rtpCipher.Apply(CounterIv(_rtpKeys.Salt, ssrc, index), output.AsSpan(headerLength, packet.Length - headerLength));
        RtpTag(output.AsSpan(0, packet.Length), index).CopyTo(output.AsSpan(packet.Length));
        return output;
    }

    public byte[]? UnprotectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        int bodyEnd = packet.Length - _rtpTagLength;
        if (bodyEnd < headerLength || !CryptographicOperations.FixedTimeEquals(RtpTag(packet[..bodyEnd], index), packet[bodyEnd..]))
        {
            return null;
        }
        byte[] plain = packet[..bodyEnd].ToArray();
        _rtpCipher.Apply(CounterIv(_rtpKeys.Salt, ssrc, index), plain.AsSpan(headerLength));
        return plain;
    }

    public byte[] ProtectRtcp(ReadOnlySpan<byte> packet, uint ssrc, uint index)
    {
        int wordAt = packet.Length;
        var output = new byte[packet.Length + IndexWordLength + RtcpTagLength];
        packet.CopyTo(output);
        _rtcpCipher.Apply(CounterIv(_rtcpKeys.Salt, ssrc, index), output.AsSpan(RtcpHeaderLength, packet.Length - RtcpHeaderLength));
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(wordAt), 0x8000_0000u | index);
        RtcpTag(output.AsSpan(0, wordAt + IndexWordLength)).CopyTo(output.AsSpan(wordAt + IndexWordLength));
        return output;
    }

    public bool TryReadRtcpIndex(ReadOnlySpan<byte> packet, out uint index, out bool encrypted)
    {
        int wordAt = packet.Length - RtcpTagLength - IndexWordLength;
        if (wordAt < RtcpHeaderLength)
        {
            (index, encrypted) = (0, false);
            return false;
        }
        uint word = BinaryPrimitives.ReadUInt32BigEndian(packet[wordAt..]);
        (index, encrypted) = (word & 0x7FFF_FFFF, (word & 0x8000_0000) != 0);
        return true;
    }

    public byte[]? UnprotectRtcp(ReadOnlySpan<byte> packet, uint ssrc)
    {
        int tagAt = packet.Length - RtcpTagLength;
        if (!TryReadRtcpIndex(packet, out uint index, out bool encrypted)
            || !CryptographicOperations.FixedTimeEquals(RtcpTag(packet[..tagAt]), packet[tagAt..]))
        {
            return null;
        }
        byte[] plain = packet[..(tagAt - IndexWordLength)].ToArray();
        if (encrypted)
        {
            _rtcpCipher.Apply(CounterIv(_rtcpKeys.Salt, ssrc, index), plain.AsSpan(RtcpHeaderLength));
        }
        return plain;
    }

    public void Dispose()
    {
        _rtpCipher.Dispose();
        _rtcpCipher.Dispose();
    }

    /// <summary>HMAC-SHA1 over the authenticated portion and the ROC (RFC 3711 §4.2), truncated.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "RFC 3711 fixes HMAC-SHA1 for this profile; HMAC does not rely on SHA-1's collision resistance.")]
    private byte[] RtpTag(ReadOnlySpan<byte> authenticated, ulong index)
    {
        var input = new byte[authenticated.Length + 4];
        authenticated.CopyTo(input);
        BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(authenticated.Length), (uint)(index >> 16));
        return HMACSHA1.HashData(_rtpKeys.AuthenticationKey, input)[.._rtpTagLength];
    }

    [SuppressMessage("Security", "CA5350", Justification = "RFC 3711 fixes HMAC-SHA1 for this profile.")]
    private byte[] RtcpTag(ReadOnlySpan<byte> authenticated) =>
        HMACSHA1.HashData(_rtcpKeys.AuthenticationKey, authenticated)[..RtcpTagLength];
}
