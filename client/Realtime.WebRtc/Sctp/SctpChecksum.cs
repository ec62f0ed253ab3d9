using System.Buffers.Binary;
using System.Numerics;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// CRC-32c (Castagnoli), the SCTP checksum (RFC 9260 Appendix A). <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// is the raw reflected update (SSE4.2/ARMv8 when available), so the usual ~0 seed and final inversion are applied
/// here. On the wire the result is stored little-endian, i.e. in the byte order the reflected algorithm produces.
/// </summary>
internal static class SctpChecksum
{
    public const int Offset = 8;

    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFF, data);

    /// <summary>Computes the checksum of a packet whose checksum field is zero and writes it in place.</summary>
    public static void Stamp(Span<byte> packet)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(packet[Offset..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(packet[Offset..], Compute(packet));
    }

    /// <summary>Checks a received packet: the checksum is computed with its own field taken as zero.</summary>
    public static bool Verify(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < SctpPacket.HeaderLength)
        {
            return false;
        }
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(packet[Offset..]);
        uint crc = 0xFFFFFFFF;
        crc = Update(crc, packet[..Offset]);
        crc = Update(crc, [0, 0, 0, 0]);
        crc = Update(crc, packet[(Offset + 4)..]);
        return ~crc == expected;
    }

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return crc;
    }
}
