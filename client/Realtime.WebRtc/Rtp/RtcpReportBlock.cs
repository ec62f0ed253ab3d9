using System.Buffers.Binary;

namespace Realtime.WebRtc.Rtp;

/// <summary>
/// One reception report (RFC 3550 §6.4.1): what a receiver saw of one source, which is how the sender learns
/// loss and jitter on the path. <see cref="CumulativeLost"/> is a signed 24-bit count on the wire.
/// </summary>
public sealed record RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    internal const int Length = 24;

    internal void Write(Span<byte> output)
    {
        int lost = Math.Clamp(CumulativeLost, -0x80_0000, 0x7F_FFFF);
        BinaryPrimitives.WriteUInt32BigEndian(output, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(output[4..], ((uint)FractionLost << 24) | ((uint)lost & 0xFF_FFFF));
        BinaryPrimitives.WriteUInt32BigEndian(output[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(output[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(output[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(output[20..], DelaySinceLastSenderReport);
    }

    internal static RtcpReportBlock Read(ReadOnlySpan<byte> input)
    {
        uint lossWord = BinaryPrimitives.ReadUInt32BigEndian(input[4..]);
        int lost = (int)(lossWord << 8) >> 8; // sign-extend 24 bits
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(input),
            (byte)(lossWord >> 24),
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(input[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(input[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(input[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(input[20..]));
    }

    internal static RtcpReportBlock[] ReadAll(ReadOnlySpan<byte> input, int count)
    {
        var blocks = new RtcpReportBlock[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = Read(input[(i * Length)..]);
        }
        return blocks;
    }
}
