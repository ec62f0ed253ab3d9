using System.Buffers.Binary;
using System.Text;

namespace Realtime.WebRtc.Rtp;

/// <summary>
/// SDES (RFC 3550 §6.5) reduced to what WebRTC uses: one CNAME per source, which every compound packet
/// must carry (§6.1). Other items are skipped when read.
/// </summary>
public sealed record RtcpSourceDescription(IReadOnlyList<RtcpCname> Chunks) : RtcpPacket
{
    private const byte EndItem = 0;
    private const byte CnameItem = 1;

    public override RtcpPacketType PacketType => RtcpPacketType.SourceDescription;

    internal override int Count => Chunks.Count;

    internal override byte[] Body()
    {
        CheckCount(Chunks.Count);
        var body = new List<byte>();
        foreach (RtcpCname chunk in Chunks)
        {
            byte[] text = Encoding.UTF8.GetBytes(chunk.Cname);
            if (text.Length > 255)
            {
                throw new ArgumentException("An SDES CNAME is at most 255 octets.");
            }
            body.AddRange([(byte)(chunk.Ssrc >> 24), (byte)(chunk.Ssrc >> 16), (byte)(chunk.Ssrc >> 8), (byte)chunk.Ssrc, CnameItem, (byte)text.Length]);
            body.AddRange(text);
            body.Add(EndItem);
            while (body.Count % 4 != 0)
            {
                body.Add(EndItem);
            }
        }
        return [.. body];
    }

    internal static RtcpSourceDescription? Read(ReadOnlySpan<byte> body, int count)
    {
        var chunks = new List<RtcpCname>(count);
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            if (body.Length < offset + 4)
            {
                return null;
            }
            uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(body[offset..]);
            string? cname = ReadItems(body, ref offset);
            if (offset < 0)
            {
                return null;
            }
            chunks.Add(new RtcpCname(ssrc, cname ?? ""));
        }
        return new RtcpSourceDescription(chunks);
    }

    /// <summary>Walks one chunk's items to the next 32-bit boundary; sets <paramref name="offset"/> to -1 when truncated.</summary>
    private static string? ReadItems(ReadOnlySpan<byte> body, ref int offset)
    {
        string? cname = null;
        int at = offset + 4;
        while (at < body.Length && body[at] != EndItem)
        {
            if (at + 2 > body.Length || at + 2 + body[at + 1] > body.Length)
            {
                offset = -1;
                return null;
            }
            if (body[at] == CnameItem)
            {
                cname = Encoding.UTF8.GetString(body.Slice(at + 2, body[at + 1]));
            }
            at += 2 + body[at + 1];
        }
        offset = at < body.Length ? (at + 4) & ~3 : -1;
        return cname;
    }
}
