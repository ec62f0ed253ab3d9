using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// FORWARD TSN (RFC 3758 §3.2): tells the receiver to stop waiting for abandoned TSNs up to a new cumulative
/// TSN, and which ordered stream sequence numbers were skipped with them.
/// </summary>
internal sealed class ForwardTsnChunk(uint newCumulativeTsn, List<(ushort Stream, ushort Ssn)> streams) : SctpChunk
{
    public uint NewCumulativeTsn { get; } = newCumulativeTsn;
    public List<(ushort Stream, ushort Ssn)> Streams { get; } = streams;

    public override SctpChunkType Type => SctpChunkType.ForwardTsn;

    public override int ValueLength => 4 + 4 * Streams.Count;

    public override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, NewCumulativeTsn);
        for (int i = 0; i < Streams.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(4 + 4 * i)..], Streams[i].Stream);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(6 + 4 * i)..], Streams[i].Ssn);
        }
    }

    public static ForwardTsnChunk DecodeValue(ReadOnlySpan<byte> value)
    {
        Require(value, 4, "FORWARD-TSN");
        var streams = new List<(ushort, ushort)>();
        for (int at = 4; at + 4 <= value.Length; at += 4)
        {
            streams.Add((BinaryPrimitives.ReadUInt16BigEndian(value[at..]), BinaryPrimitives.ReadUInt16BigEndian(value[(at + 2)..])));
        }
        return new ForwardTsnChunk(BinaryPrimitives.ReadUInt32BigEndian(value), streams);
    }
}
