using System.Buffers.Binary;

namespace Realtime.WebRtc.Rtp;

/// <summary>RR (RFC 3550 §6.4.2): reception reports from a participant that is not sending.</summary>
public sealed record RtcpReceiverReport(uint Ssrc, IReadOnlyList<RtcpReportBlock> Reports) : RtcpPacket
{
    public override RtcpPacketType PacketType => RtcpPacketType.ReceiverReport;

    internal override int Count => Reports.Count;

    internal override byte[] Body()
    {
        CheckCount(Reports.Count);
        var body = new byte[4 + Reports.Count * RtcpReportBlock.Length];
        BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
        for (int i = 0; i < Reports.Count; i++)
        {
            Reports[i].Write(body.AsSpan(4 + i * RtcpReportBlock.Length));
        }
        return body;
    }

    internal static RtcpReceiverReport? Read(ReadOnlySpan<byte> body, int count) =>
        body.Length < 4 + count * RtcpReportBlock.Length ? null
            : new RtcpReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(body), RtcpReportBlock.ReadAll(body[4..], count));
}
