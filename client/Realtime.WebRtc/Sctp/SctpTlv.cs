using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// A type-length-value item, the shape shared by INIT parameters, error causes and RE-CONFIG parameters
/// (RFC 9260 §3.2.1, §3.3.10). Lengths exclude padding; items are padded to four bytes.
/// </summary>
internal readonly record struct SctpTlv(ushort Type, byte[] Value)
{
    public int EncodedLength => SctpChunk.Pad4(4 + Value.Length);

    public int Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, Type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(4 + Value.Length));
        Value.CopyTo(destination[4..]);
        destination[(4 + Value.Length)..EncodedLength].Clear();
        return EncodedLength;
    }

    public static List<SctpTlv> ReadAll(ReadOnlySpan<byte> data)
    {
        var items = new List<SctpTlv>();
        while (data.Length >= 4)
        {
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(data);
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            if (length < 4 || length > data.Length)
            {
                throw new SctpFormatException($"TLV {type} has bad length {length}.");
            }
            items.Add(new SctpTlv(type, data[4..length].ToArray()));
            data = data[Math.Min(SctpChunk.Pad4(length), data.Length)..];
        }
        return items;
    }

    public static int LengthOf(IEnumerable<SctpTlv> items) => items.Sum(i => i.EncodedLength);

    public static void WriteAll(IEnumerable<SctpTlv> items, Span<byte> destination)
    {
        foreach (SctpTlv item in items)
        {
            destination = destination[item.Write(destination)..];
        }
    }
}
