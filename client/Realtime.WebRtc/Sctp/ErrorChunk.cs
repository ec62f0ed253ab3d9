namespace Realtime.WebRtc.Sctp;

/// <summary>ERROR (RFC 9260 §3.3.10): one or more error causes, reported without ending the association.</summary>
internal sealed class ErrorChunk(List<SctpTlv> causes) : SctpChunk
{
    public List<SctpTlv> Causes { get; } = causes;

    public override SctpChunkType Type => SctpChunkType.Error;

    public override int ValueLength => SctpTlv.LengthOf(Causes);

    public override void WriteValue(Span<byte> destination) => SctpTlv.WriteAll(Causes, destination);
}
