namespace Realtime.WebRtc.Sctp;

/// <summary>
/// Chunks that carry nothing but their type and flags: COOKIE ACK, SHUTDOWN ACK and SHUTDOWN COMPLETE
/// (whose T flag, like ABORT's, marks a reflected verification tag).
/// </summary>
internal sealed class SignalChunk(SctpChunkType type, byte flags = 0) : SctpChunk
{
    public override SctpChunkType Type { get; } = type;

    public override byte Flags { get; } = flags;

    public bool ReflectedTag => (Flags & 1) != 0;

    public override int ValueLength => 0;

    public override void WriteValue(Span<byte> destination)
    {
    }
}
