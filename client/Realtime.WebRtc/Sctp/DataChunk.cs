using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>DATA (RFC 9260 §3.3.1): one fragment of a user message, with its TSN, stream, SSN and PPID.</summary>
internal sealed class DataChunk : SctpChunk
{
    public const byte EndFlag = 0x01;
    public const byte BeginFlag = 0x02;
    public const byte UnorderedFlag = 0x04;
    public const int FixedLength = 12;

    public DataChunk(uint tsn, ushort streamId, ushort ssn, uint ppid, byte[] payload, bool beginning, bool ending, bool unordered)
    {
        Tsn = tsn;
        StreamId = streamId;
        Ssn = ssn;
        Ppid = ppid;
        Payload = payload;
        Beginning = beginning;
        Ending = ending;
        Unordered = unordered;
    }

    public override SctpChunkType Type => SctpChunkType.Data;
    public uint Tsn { get; set; }
    public ushort StreamId { get; }
    public ushort Ssn { get; }
    public uint Ppid { get; }
    public byte[] Payload { get; }
    public bool Beginning { get; }
    public bool Ending { get; }
    public bool Unordered { get; }

    public override byte Flags => (byte)((Ending ? EndFlag : 0) | (Beginning ? BeginFlag : 0) | (Unordered ? UnorderedFlag : 0));

    public override int ValueLength => FixedLength + Payload.Length;

    public override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Tsn);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], StreamId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], Ssn);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ppid);
        Payload.CopyTo(destination[FixedLength..]);
    }

    public static DataChunk DecodeValue(byte flags, ReadOnlySpan<byte> value)
    {
        Require(value, FixedLength, "DATA");
        return new DataChunk(
            BinaryPrimitives.ReadUInt32BigEndian(value),
            BinaryPrimitives.ReadUInt16BigEndian(value[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(value[6..]),
            BinaryPrimitives.ReadUInt32BigEndian(value[8..]),
            value[FixedLength..].ToArray(),
            (flags & BeginFlag) != 0,
            (flags & EndFlag) != 0,
            (flags & UnorderedFlag) != 0);
    }
}
