using System.Buffers.Binary;

namespace Realtime.WebRtc.Rtp;

/// <summary>
/// SR (RFC 3550 §6.4.1): an active sender's wall clock against its RTP clock, and its counts, so receivers
/// can sync and compute round-trip time; it carries reception reports of its own as well.
/// </summary>
public sealed record RtcpSenderReport(
    uint Ssrc,
    ulong NtpTimestamp,
    uint RtpTimestamp,
    uint PacketCount,
    uint OctetCount,
    IReadOnlyList<RtcpReportBlock> Reports) : RtcpPacket
{
    private const int SenderInfoLength = 24;

    public override RtcpPacketType PacketType => RtcpPacketType.SenderReport;

    internal override int Count => Reports.Count;

    internal override byte[] Body()
    {
        CheckCount(Reports.Count);
        var body = new byte[SenderInfoLength + Reports.Count * RtcpReportBlock.Length];
        BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(4), NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(12), RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16), PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(20), OctetCount);
        for (int i = 0; i < Reports.Count; i++)
        {
            Reports[i].Write(body.AsSpan(SenderInfoLength + i * RtcpReportBlock.Length));
        }
        return body;
    }

    internal static RtcpSenderReport? Read(ReadOnlySpan<byte> body, int count) =>
        body.Length < SenderInfoLength + count * RtcpReportBlock.Length ? null : new RtcpSenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(body),
            BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
            RtcpReportBlock.ReadAll(body[SenderInfoLength..], count));
}
