namespace Realtime.WebRtc.Sctp;

/// <summary>RE-CONFIG (RFC 6525 §3.1): one or two stream-reset parameters.</summary>
internal sealed class ReconfigChunk(List<SctpTlv> parameters) : SctpChunk
{
    public List<SctpTlv> Parameters { get; } = parameters;

    public override SctpChunkType Type => SctpChunkType.Reconfig;

    public override int ValueLength => SctpTlv.LengthOf(Parameters);

    public override void WriteValue(Span<byte> destination) => SctpTlv.WriteAll(Parameters, destination);
}
