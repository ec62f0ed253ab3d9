using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>SHUTDOWN (RFC 9260 §3.3.8): starts a graceful close and carries the sender's cumulative TSN ack.</summary>
internal sealed class ShutdownChunk(uint cumulativeTsnAck) : SctpChunk
{
    public uint CumulativeTsnAck { get; } = cumulativeTsnAck;

    public override SctpChunkType Type => SctpChunkType.Shutdown;

    public override int ValueLength => 4;

    public override void WriteValue(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, CumulativeTsnAck);

    public static ShutdownChunk DecodeValue(ReadOnlySpan<byte> value)
    {
        Require(value, 4, "SHUTDOWN");
        return new ShutdownChunk(BinaryPrimitives.ReadUInt32BigEndian(value));
    }
}
