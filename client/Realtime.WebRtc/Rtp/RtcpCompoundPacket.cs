using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Realtime.WebRtc.Rtp;

/// <summary>
/// RTCP compound packets (RFC 3550 §6.1): several RTCP packets back to back in one datagram, which is how
/// they always travel. Parsing never throws; types this stack does not use (feedback, XR) are skipped.
/// </summary>
public static class RtcpCompoundPacket
{
    /// <summary>The packets of a compound datagram; false if any length or version is inconsistent.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out IReadOnlyList<RtcpPacket>? packets)
    {
        var found = new List<RtcpPacket>();
        packets = null;
        for (int offset = 0; offset < data.Length;)
        {
            if (data.Length - offset < RtcpPacket.HeaderLength || data[offset] >> 6 != 2)
            {
                return false;
            }
            int length = 4 * (BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]) + 1);
            if (offset + length > data.Length)
            {
                return false;
            }
            if (!TryReadOne(data.Slice(offset, length), found))
            {
                return false;
            }
            offset += length;
        }
        packets = found;
        return found.Count > 0;
    }

    /// <summary>Writes the packets back to back.</summary>
    public static byte[] Serialize(IEnumerable<RtcpPacket> packets) => [.. packets.SelectMany(packet => packet.Serialize())];

    private static bool TryReadOne(ReadOnlySpan<byte> packet, List<RtcpPacket> found)
    {
        int count = packet[0] & 0x1F;
        int padding = (packet[0] & 0x20) != 0 ? packet[^1] : 0;
        if (padding > packet.Length - RtcpPacket.HeaderLength)
        {
            return false;
        }
        ReadOnlySpan<byte> body = packet[RtcpPacket.HeaderLength..^padding];
        RtcpPacket? read = (RtcpPacketType)packet[1] switch
        {
            RtcpPacketType.SenderReport => RtcpSenderReport.Read(body, count),
            RtcpPacketType.ReceiverReport => RtcpReceiverReport.Read(body, count),
            RtcpPacketType.SourceDescription => RtcpSourceDescription.Read(body, count),
            RtcpPacketType.Goodbye => RtcpGoodbye.Read(body, count),
            _ => null,
        };
        bool known = Enum.IsDefined((RtcpPacketType)packet[1]);
        if (read is not null)
        {
            found.Add(read);
        }
        return read is not null || !known;
    }
}
