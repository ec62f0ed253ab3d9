using System.Buffers.Binary;

namespace Realtime.WebRtc.Rtp;

/// <summary>
/// One packet of an RTCP compound packet (RFC 3550 §6.4–6.6). Each kind writes its body; the common header
/// (version, count, type, length in 32-bit words minus one) is written here so no kind can get it wrong.
/// </summary>
public abstract record RtcpPacket
{
    internal const int HeaderLength = 4;

    public abstract RtcpPacketType PacketType { get; }

    /// <summary>The 5-bit count field: report blocks, SDES chunks or BYE sources.</summary>
    internal abstract int Count { get; }

    /// <summary>Body octets, already a multiple of four.</summary>
    internal abstract byte[] Body();

    /// <summary>This packet alone on the wire.</summary>
    public byte[] Serialize()
    {
        byte[] body = Body();
        var output = new byte[HeaderLength + body.Length];
        output[0] = (byte)(0x80 | Count);
        output[1] = (byte)PacketType;
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(2), (ushort)(output.Length / 4 - 1));
        body.CopyTo(output, HeaderLength);
        return output;
    }

    internal static void CheckCount(int count)
    {
        if (count > 31)
        {
            throw new ArgumentException("An RTCP packet carries at most 31 report blocks, chunks or sources.");
        }
    }
}
