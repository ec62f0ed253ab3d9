using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// SACK (RFC 9260 §3.3.4): the cumulative TSN, the receiver window, gap blocks as offsets from the
/// cumulative TSN, and TSNs received more than once.
/// </summary>
internal sealed class SackChunk(uint cumulativeTsnAck, uint advertisedReceiverWindow, List<(ushort Start, ushort End)> gapBlocks, List<uint> duplicateTsns) : SctpChunk
{
    public uint CumulativeTsnAck { get; } = cumulativeTsnAck;
    public uint AdvertisedReceiverWindow { get; } = advertisedReceiverWindow;
    public List<(ushort Start, ushort End)> GapBlocks { get; } = gapBlocks;
    public List<uint> DuplicateTsns { get; } = duplicateTsns;

    public override SctpChunkType Type => SctpChunkType.Sack;

    public override int ValueLength => 12 + 4 * GapBlocks.Count + 4 * DuplicateTsns.Count;

    public override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, CumulativeTsnAck);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], AdvertisedReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], (ushort)GapBlocks.Count);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)DuplicateTsns.Count);
        int offset = 12;
        foreach (var (start, end) in GapBlocks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], start);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], end);
            offset += 4;
        }
        foreach (uint tsn in DuplicateTsns)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], tsn);
            offset += 4;
        }
    }

    public static SackChunk DecodeValue(ReadOnlySpan<byte> value)
    {
        Require(value, 12, "SACK");
        int gaps = BinaryPrimitives.ReadUInt16BigEndian(value[8..]);
        int duplicates = BinaryPrimitives.ReadUInt16BigEndian(value[10..]);
        Require(value, 12 + 4 * (gaps + duplicates), "SACK");
        var blocks = new List<(ushort, ushort)>(gaps);
        for (int i = 0; i < gaps; i++)
        {
            int at = 12 + 4 * i;
            blocks.Add((BinaryPrimitives.ReadUInt16BigEndian(value[at..]), BinaryPrimitives.ReadUInt16BigEndian(value[(at + 2)..])));
        }
        var tsns = new List<uint>(duplicates);
        for (int i = 0; i < duplicates; i++)
        {
            tsns.Add(BinaryPrimitives.ReadUInt32BigEndian(value[(12 + 4 * gaps + 4 * i)..]));
        }
        return new SackChunk(BinaryPrimitives.ReadUInt32BigEndian(value), BinaryPrimitives.ReadUInt32BigEndian(value[4..]), blocks, tsns);
    }
}
