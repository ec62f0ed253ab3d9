namespace Realtime.WebRtc.Sctp;

/// <summary>COOKIE ECHO (RFC 9260 §3.3.11): the state cookie from the INIT-ACK, returned unchanged.</summary>
internal sealed class CookieEchoChunk(byte[] cookie) : SctpChunk
{
    public byte[] Cookie { get; } = cookie;

    public override SctpChunkType Type => SctpChunkType.CookieEcho;

    public override int ValueLength => Cookie.Length;

    public override void WriteValue(Span<byte> destination) => Cookie.CopyTo(destination);
}
