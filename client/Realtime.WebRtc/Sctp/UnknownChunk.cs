namespace Realtime.WebRtc.Sctp;

/// <summary>
/// A chunk type this stack does not implement. The top two bits of its type say what to do (RFC 9260 §3.2):
/// 00 drop the rest of the packet, 01 drop and report, 10 skip, 11 skip and report.
/// </summary>
internal sealed class UnknownChunk(byte rawType, byte flags, byte[] value) : SctpChunk
{
    public byte RawType { get; } = rawType;
    public byte[] Value { get; } = value;

    public override SctpChunkType Type => (SctpChunkType)RawType;

    public override byte Flags { get; } = flags;

    public override int ValueLength => Value.Length;

    /// <summary>Whether processing continues with the next chunk (high bit set).</summary>
    public bool SkipAndContinue => (RawType & 0x80) != 0;

    /// <summary>Whether the peer gets an "Unrecognized Chunk Type" error (second bit set).</summary>
    public bool Report => (RawType & 0x40) != 0;

    public override void WriteValue(Span<byte> destination) => Value.CopyTo(destination);

    /// <summary>The whole chunk as received, which the error cause quotes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        Write(bytes);
        return bytes.AsSpan(0, HeaderLength + ValueLength).ToArray();
    }
}
