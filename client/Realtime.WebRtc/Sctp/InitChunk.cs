using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>INIT and INIT-ACK (RFC 9260 §3.3.2, §3.3.3): identical fixed fields followed by parameters.</summary>
internal sealed class InitChunk(bool isAck, uint initiateTag, uint advertisedReceiverWindow, ushort outboundStreams, ushort inboundStreams, uint initialTsn, List<SctpTlv> parameters) : SctpChunk
{
    public const int FixedLength = 16;

    public bool IsAck { get; } = isAck;
    public uint InitiateTag { get; } = initiateTag;
    public uint AdvertisedReceiverWindow { get; } = advertisedReceiverWindow;
    public ushort OutboundStreams { get; } = outboundStreams;
    public ushort InboundStreams { get; } = inboundStreams;
    public uint InitialTsn { get; } = initialTsn;
    public List<SctpTlv> Parameters { get; } = parameters;

    public override SctpChunkType Type => IsAck ? SctpChunkType.InitAck : SctpChunkType.Init;

    public override int ValueLength => FixedLength + SctpTlv.LengthOf(Parameters);

    public override void WriteValue(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, InitiateTag);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], AdvertisedReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], OutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], InboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], InitialTsn);
        SctpTlv.WriteAll(Parameters, destination[FixedLength..]);
    }

    public static InitChunk DecodeValue(bool isAck, ReadOnlySpan<byte> value)
    {
        Require(value, FixedLength, isAck ? "INIT-ACK" : "INIT");
        return new InitChunk(isAck,
            BinaryPrimitives.ReadUInt32BigEndian(value),
            BinaryPrimitives.ReadUInt32BigEndian(value[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(value[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(value[10..]),
            BinaryPrimitives.ReadUInt32BigEndian(value[12..]),
            SctpTlv.ReadAll(value[FixedLength..]));
    }
}
