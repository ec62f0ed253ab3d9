using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Realtime.WebRtc.Stun;

/// <summary>
/// MESSAGE-INTEGRITY and FINGERPRINT computations. Both cover the message up to the attribute itself,
/// with the header length rewritten as if that attribute were the last one covered (RFC 8489 §14.5, §14.7).
/// </summary>
internal static class StunChecksums
{
    public const int IntegrityLength = 20;
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>HMAC-SHA1 over <paramref name="message"/>[0..attributeOffset) with the length field pointing past the MI attribute.</summary>
    public static byte[] Integrity(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, int attributeOffset)
    {
        int coveredLength = attributeOffset - StunMessage.HeaderLength + 4 + IntegrityLength;
        return HmacOverPrefix(key, message[..attributeOffset], coveredLength);
    }

    /// <summary>CRC-32 xor "STUN" over the message before the FINGERPRINT attribute, length field covering it.</summary>
    public static uint Fingerprint(ReadOnlySpan<byte> message, int attributeOffset)
    {
        byte[] prefix = message[..attributeOffset].ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(prefix.AsSpan(2), (ushort)(attributeOffset - StunMessage.HeaderLength + 8));
        return Crc32.Compute(prefix) ^ FingerprintXor;
    }

    [SuppressMessage("Security", "CA5350", Justification = "STUN's MESSAGE-INTEGRITY is HMAC-SHA1 by definition (RFC 8489 §14.5).")]
    private static byte[] HmacOverPrefix(ReadOnlySpan<byte> key, ReadOnlySpan<byte> prefix, int lengthField)
    {
        byte[] copy = prefix.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), (ushort)lengthField);
        return HMACSHA1.HashData(key, copy);
    }
}
