namespace Realtime.WebRtc.Sctp;

/// <summary>ABORT (RFC 9260 §3.3.7). T set means the verification tag is the sender's own, reflected.</summary>
internal sealed class AbortChunk(bool reflectedTag, List<SctpTlv> causes) : SctpChunk
{
    public bool ReflectedTag { get; } = reflectedTag;
    public List<SctpTlv> Causes { get; } = causes;

    public override SctpChunkType Type => SctpChunkType.Abort;

    public override byte Flags => (byte)(ReflectedTag ? 1 : 0);

    public override int ValueLength => SctpTlv.LengthOf(Causes);

    public override void WriteValue(Span<byte> destination) => SctpTlv.WriteAll(Causes, destination);
}
