using System.Buffers.Binary;
using System.Text;

namespace Realtime.WebRtc.DataChannels;

/// <summary>
/// Data Channel Establishment Protocol messages (RFC 8832 §5): DATA_CHANNEL_OPEN carries the channel's
/// type, priority, reliability parameter, label and protocol; DATA_CHANNEL_ACK is a single byte.
/// </summary>
internal sealed record DcepMessage(byte ChannelType, ushort Priority, uint Reliability, string Label, string Protocol)
{
    public const byte Ack = 0x02;
    public const byte Open = 0x03;

    // Channel types (RFC 8832 §5.1): the high bit means unordered.
    public const byte Reliable = 0x00;
    public const byte PartialReliableRexmit = 0x01;
    public const byte PartialReliableTimed = 0x02;
    public const byte UnorderedBit = 0x80;

    public bool Ordered => (ChannelType & UnorderedBit) == 0;

    public int? MaxRetransmits => (ChannelType & 0x7F) == PartialReliableRexmit ? (int)Reliability : null;

    public TimeSpan? MaxPacketLifeTime => (ChannelType & 0x7F) == PartialReliableTimed ? TimeSpan.FromMilliseconds(Reliability) : null;

    public static DcepMessage ForChannel(DataChannelInit init, string label)
    {
        byte type = init.MaxRetransmits is not null ? PartialReliableRexmit
            : init.MaxPacketLifeTime is not null ? PartialReliableTimed
            : Reliable;
        uint reliability = init.MaxRetransmits is { } r ? (uint)r
            : init.MaxPacketLifeTime is { } t ? (uint)t.TotalMilliseconds
            : 0;
        return new DcepMessage((byte)(type | (init.Ordered ? 0 : UnorderedBit)), init.Priority, reliability, label, init.Protocol);
    }

    public byte[] Encode()
    {
        byte[] label = Encoding.UTF8.GetBytes(Label), protocol = Encoding.UTF8.GetBytes(Protocol);
        var bytes = new byte[12 + label.Length + protocol.Length];
        bytes[0] = Open;
        bytes[1] = ChannelType;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), Priority);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), Reliability);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(8), (ushort)label.Length);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)protocol.Length);
        label.CopyTo(bytes, 12);
        protocol.CopyTo(bytes, 12 + label.Length);
        return bytes;
    }

    /// <summary>Parses a DATA_CHANNEL_OPEN; null when the bytes are something else or malformed.</summary>
    public static DcepMessage? DecodeOpen(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || bytes[0] != Open)
        {
            return null;
        }
        int labelLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]);
        int protocolLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]);
        if (bytes.Length < 12 + labelLength + protocolLength)
        {
            return null;
        }
        return new DcepMessage(bytes[1], BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]),
            Encoding.UTF8.GetString(bytes.Slice(12, labelLength)), Encoding.UTF8.GetString(bytes.Slice(12 + labelLength, protocolLength)));
    }
}
