namespace Realtime.WebRtc.Sctp;

/// <summary>
/// HEARTBEAT and HEARTBEAT-ACK (RFC 9260 §3.3.5, §3.3.6). The value is the Heartbeat Info parameter,
/// kept as raw bytes because the acknowledgement must echo it unchanged.
/// </summary>
internal sealed class HeartbeatChunk(bool isAck, byte[] value) : SctpChunk
{
    public bool IsAck { get; } = isAck;

    /// <summary>The encoded Heartbeat Info TLV (or whatever the peer sent, for echoing).</summary>
    public byte[] Value { get; } = value;

    public override SctpChunkType Type => IsAck ? SctpChunkType.HeartbeatAck : SctpChunkType.Heartbeat;

    public override int ValueLength => Value.Length;

    public override void WriteValue(Span<byte> destination) => Value.CopyTo(destination);

    public static HeartbeatChunk Request(byte[] info)
    {
        var tlv = new SctpTlv(SctpParameterType.HeartbeatInfo, info);
        var value = new byte[tlv.EncodedLength];
        tlv.Write(value);
        return new HeartbeatChunk(false, value.AsSpan(0, 4 + info.Length).ToArray());
    }

    /// <summary>The info bytes inside the Heartbeat Info parameter, or null when malformed.</summary>
    public byte[]? Info()
    {
        List<SctpTlv> items = SctpTlv.ReadAll(Value);
        return items.Count > 0 && items[0].Type == SctpParameterType.HeartbeatInfo ? items[0].Value : null;
    }
}
