using System.Buffers.Binary;

namespace Realtime.WebRtc.Sctp;

/// <summary>
/// One chunk of an SCTP packet: a 4-byte header (type, flags, length) and a value padded to four bytes
/// (RFC 9260 §3.2). Subclasses know their own value layout; <see cref="Decode"/> picks the subclass.
/// </summary>
internal abstract class SctpChunk
{
    public const int HeaderLength = 4;

    public abstract SctpChunkType Type { get; }

    public virtual byte Flags => 0;

    /// <summary>Length of the value, excluding the header and padding.</summary>
    public abstract int ValueLength { get; }

    public int EncodedLength => Pad4(HeaderLength + ValueLength);

    public static int Pad4(int length) => (length + 3) & ~3;

    public abstract void WriteValue(Span<byte> destination);

    public int Write(Span<byte> destination)
    {
        destination[0] = (byte)Type;
        destination[1] = Flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(HeaderLength + ValueLength));
        WriteValue(destination.Slice(HeaderLength, ValueLength));
        destination[(HeaderLength + ValueLength)..EncodedLength].Clear();
        return EncodedLength;
    }

    public static SctpChunk Decode(byte type, byte flags, ReadOnlySpan<byte> value) => (SctpChunkType)type switch
    {
        SctpChunkType.Data => DataChunk.DecodeValue(flags, value),
        SctpChunkType.Init or SctpChunkType.InitAck => InitChunk.DecodeValue(type == (byte)SctpChunkType.InitAck, value),
        SctpChunkType.Sack => SackChunk.DecodeValue(value),
        SctpChunkType.Heartbeat or SctpChunkType.HeartbeatAck => new HeartbeatChunk(type == (byte)SctpChunkType.HeartbeatAck, value.ToArray()),
        SctpChunkType.Abort => new AbortChunk((flags & 1) != 0, SctpTlv.ReadAll(value)),
        SctpChunkType.Error => new ErrorChunk(SctpTlv.ReadAll(value)),
        SctpChunkType.Shutdown => ShutdownChunk.DecodeValue(value),
        SctpChunkType.CookieEcho => new CookieEchoChunk(value.ToArray()),
        SctpChunkType.CookieAck or SctpChunkType.ShutdownAck or SctpChunkType.ShutdownComplete => new SignalChunk((SctpChunkType)type, flags),
        SctpChunkType.ForwardTsn => ForwardTsnChunk.DecodeValue(value),
        SctpChunkType.Reconfig => new ReconfigChunk(SctpTlv.ReadAll(value)),
        _ => new UnknownChunk(type, flags, value.ToArray()),
    };

    protected static void Require(ReadOnlySpan<byte> value, int minimum, string chunk)
    {
        if (value.Length < minimum)
        {
            throw new SctpFormatException($"{chunk} chunk is {value.Length} bytes, needs {minimum}.");
        }
    }
}
