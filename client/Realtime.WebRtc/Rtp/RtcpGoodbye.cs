using System.Buffers.Binary;
using System.Text;

namespace Realtime.WebRtc.Rtp;

/// <summary>BYE (RFC 3550 §6.6): the listed sources are leaving, so a receiver can stop waiting for them.</summary>
public sealed record RtcpGoodbye(IReadOnlyList<uint> Sources, string? Reason = null) : RtcpPacket
{
    public override RtcpPacketType PacketType => RtcpPacketType.Goodbye;

    internal override int Count => Sources.Count;

    internal override byte[] Body()
    {
        CheckCount(Sources.Count);
        var body = new List<byte>();
        foreach (uint ssrc in Sources)
        {
            body.AddRange([(byte)(ssrc >> 24), (byte)(ssrc >> 16), (byte)(ssrc >> 8), (byte)ssrc]);
        }
        if (Reason is { } reason)
        {
            byte[] text = Encoding.UTF8.GetBytes(reason);
            body.Add((byte)Math.Min(text.Length, 255));
            body.AddRange(text.Take(255));
        }
        while (body.Count % 4 != 0)
        {
            body.Add(0);
        }
        return [.. body];
    }

    internal static RtcpGoodbye? Read(ReadOnlySpan<byte> body, int count)
    {
        if (body.Length < 4 * count)
        {
            return null;
        }
        var sources = new uint[count];
        for (int i = 0; i < count; i++)
        {
            sources[i] = BinaryPrimitives.ReadUInt32BigEndian(body[(4 * i)..]);
        }
        int at = 4 * count;
        string? reason = at < body.Length && at + 1 + body[at] <= body.Length ? Encoding.UTF8.GetString(body.Slice(at + 1, body[at])) : null;
        return new RtcpGoodbye(sources, reason);
    }
}
