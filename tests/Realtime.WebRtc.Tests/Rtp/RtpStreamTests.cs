using Realtime.WebRtc.Rtp;

namespace Realtime.WebRtc.Tests.Rtp;

/// <summary>Sender and receiver state over sequences built by hand: wrap, loss, reordering, jitter, SR/RR echo.</summary>
public sealed class RtpStreamTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void The_sender_numbers_packets_and_advances_the_timestamp_by_the_frame()
    {
        var sender = new RtpSender(1, 111, 48000, 65535, 4_294_966_000);

        RtpPacket first = sender.Packetize(new byte[10], 960, TimeSpan.Zero, marker: true);
        RtpPacket second = sender.Packetize(new byte[12], 960, Frame);

        Assert.Equal(((ushort)65535, 4_294_966_000u, true), (first.SequenceNumber, first.Timestamp, first.Marker));
        Assert.Equal(((ushort)0, 4_294_966_000u + 960, false), (second.SequenceNumber, second.Timestamp, second.Marker));
        Assert.Equal((2, 22), (sender.PacketsSent, sender.BytesSent));
    }

    [Fact]
    public void Random_senders_differ()
    {
        RtpSender[] senders = [.. Enumerable.Range(0, 4).Select(_ => RtpSender.Create(0, 8000))];

        Assert.True(senders.Select(s => s.Ssrc).Distinct().Count() > 1);
    }

    [Fact]
    public void The_sender_report_extrapolates_the_media_clock_and_carries_the_counts()
    {
        var sender = new RtpSender(1, 0, 8000, 0, 1000);
        sender.Packetize(new byte[160], 160, TimeSpan.FromSeconds(1));

        RtcpSenderReport report = sender.CreateSenderReport(TimeSpan.FromSeconds(1.5), new DateTimeOffset(1900, 1, 1, 0, 0, 2, TimeSpan.Zero), []);

        Assert.Equal(1000u + 4000, report.RtpTimestamp);
        Assert.Equal(2ul << 32, report.NtpTimestamp);
        Assert.Equal((1u, 160u), (report.PacketCount, report.OctetCount));
    }

    [Fact]
    public void The_receiver_extends_sequence_numbers_across_a_wrap_and_counts_loss()
    {
        var receiver = new RtpReceiver(5, 48000);
        ushort[] arrived = [65530, 65531, 65533, 65535, 0, 2, 1, 4];

        foreach (ushort sequence in arrived)
        {
            receiver.Receive(Packet(sequence, 0), TimeSpan.Zero);
        }

        Assert.Equal(65536u + 4, receiver.ExtendedHighestSequence);
        Assert.Equal(8, receiver.PacketsReceived);
        Assert.Equal(3, receiver.PacketsLost); // 65532, 65534, 3
        RtcpReportBlock block = receiver.CreateReportBlock(TimeSpan.Zero);
        Assert.Equal((3, 65536u + 4, (byte)(3 * 256 / 11)), (block.CumulativeLost, block.ExtendedHighestSequence, block.FractionLost));
        Assert.Equal(0, receiver.CreateReportBlock(TimeSpan.Zero).FractionLost);
    }

    [Fact]
    public void A_far_jump_counts_only_once_the_next_packet_confirms_it()
    {
        var receiver = new RtpReceiver(5, 8000);
        receiver.Receive(Packet(10, 0), TimeSpan.Zero);

        Assert.False(receiver.Receive(Packet(30000, 0), TimeSpan.Zero));
        Assert.True(receiver.Receive(Packet(30001, 0), TimeSpan.Zero));

        Assert.Equal(30001u, receiver.ExtendedHighestSequence);
        Assert.Equal(0, receiver.PacketsLost);
    }

    [Fact]
    public void Jitter_is_zero_for_a_steady_stream_and_follows_a0_8_for_a_varying_one()
    {
        var steady = new RtpReceiver(5, 8000);
        var varying = new RtpReceiver(5, 8000);
        double expected = 0;
        for (int i = 0; i < 50; i++)
        {
            steady.Receive(Packet((ushort)i, (uint)(160 * i)), Frame * i);
            TimeSpan late = i % 2 == 1 ? TimeSpan.FromMilliseconds(10) : TimeSpan.Zero;
            varying.Receive(Packet((ushort)i, (uint)(160 * i)), Frame * i + late);
            expected += i == 0 ? 0 : (80 - expected) / 16; // each step the transit changes by 10 ms = 80 ticks
        }

        Assert.Equal(0, steady.JitterSeconds, 9);
        Assert.Equal(expected / 8000, varying.JitterSeconds, 9);
        Assert.Equal((uint)expected, varying.CreateReportBlock(TimeSpan.Zero).Jitter);
    }

    [Fact]
    public void The_report_block_echoes_the_last_sender_report_and_the_delay_since()
    {
        var receiver = new RtpReceiver(5, 8000);
        receiver.Receive(Packet(1, 0), TimeSpan.Zero);
        var sr = new RtcpSenderReport(5, 0x0000_1234_5678_0000, 0, 1, 160, []);

        receiver.OnSenderReport(sr, TimeSpan.FromSeconds(1));
        RtcpReportBlock block = receiver.CreateReportBlock(TimeSpan.FromSeconds(1.5));

        Assert.Equal(0x1234_5678u, block.LastSenderReport);
        Assert.Equal(32768u, block.DelaySinceLastSenderReport);
    }

    [Fact]
    public void Statistics_snapshot_reads_both_sides()
    {
        var sender = new RtpSender(1, 0, 8000, 0, 0);
        var receiver = new RtpReceiver(2, 8000);
        sender.Packetize(new byte[160], 160, TimeSpan.Zero);
        receiver.Receive(Packet(1, 0), TimeSpan.Zero);
        receiver.Receive(Packet(3, 320), Frame * 2);

        RtpStreamStatistics stats = RtpStreamStatistics.Capture(sender, receiver, 0.25);

        Assert.Equal(new RtpStreamStatistics(1, 160, 2, 8, 1, receiver.JitterSeconds, 0.25), stats);
    }

    private static RtpPacket Packet(ushort sequence, uint timestamp) =>
        new() { PayloadType = 0, SequenceNumber = sequence, Timestamp = timestamp, Ssrc = 5, Payload = new byte[4] };
}
