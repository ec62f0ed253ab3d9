using Realtime.WebRtc.Codecs;
using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Rtp;

namespace Realtime.WebRtc.Tests.Jitter;

/// <summary>The jitter buffer on a fake clock: ordering, concealment, late and duplicate packets, bounded delay.</summary>
public sealed class JitterBufferTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Buffers_to_the_target_delay_then_plays_reordered_packets_in_order_across_a_sequence_wrap()
    {
        var buffer = new JitterBuffer(new IndexCodec());
        int[] arrivalOrder = [1, 0, 3, 2, 5, 4, 7, 6];
        for (int position = 0; position < arrivalOrder.Length; position++)
        {
            int i = arrivalOrder[position];
            buffer.Push(Packet((ushort)(65532 + i), (short)i), TimeSpan.FromMilliseconds(2 * position));
        }

        PlayoutFrame early = buffer.Pull(TimeSpan.FromMilliseconds(30));
        short[] played = [.. Enumerable.Range(0, 8).Select(i => IndexCodec.IndexOf(buffer.Pull(TimeSpan.FromMilliseconds(60) + Frame * i).Frame))];

        Assert.Equal(PlayoutKind.Buffering, early.Kind);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], played);
        Assert.Equal(0, buffer.Statistics.FramesConcealed);
    }

    [Fact]
    public void A_gap_is_concealed_with_the_next_payload_and_the_straggler_is_dropped_as_late()
    {
        var buffer = new JitterBuffer(new IndexCodec(), new JitterBufferOptions { TargetDelay = TimeSpan.Zero });
        buffer.Push(Packet(10, 0), TimeSpan.Zero);
        buffer.Push(Packet(12, 2), TimeSpan.Zero);

        PlayoutFrame[] frames = [buffer.Pull(TimeSpan.Zero), buffer.Pull(Frame), buffer.Pull(Frame * 2)];
        buffer.Push(Packet(11, 1), Frame * 2);

        Assert.Equal([0, -2, 2], frames.Select(f => IndexCodec.IndexOf(f.Frame)));
        Assert.Equal(PlayoutKind.Concealed, frames[1].Kind);
        Assert.Equal((1L, 1L), (buffer.Statistics.FramesConcealed, buffer.Statistics.PacketsLate));
    }

    [Fact]
    public void An_empty_buffer_conceals_briefly_then_plays_silence_and_resumes_where_it_stopped()
    {
        var buffer = new JitterBuffer(new IndexCodec(), new JitterBufferOptions { TargetDelay = TimeSpan.Zero, MaxConcealedRun = 2 });
        buffer.Push(Packet(1, 1), TimeSpan.Zero);

        PlayoutKind[] kinds = [.. Enumerable.Range(0, 5).Select(i => buffer.Pull(Frame * i).Kind)];
        buffer.Push(Packet(2, 2), Frame * 5);
        PlayoutFrame resumed = buffer.Pull(Frame * 5);

        Assert.Equal([PlayoutKind.Decoded, PlayoutKind.Concealed, PlayoutKind.Concealed, PlayoutKind.Silence, PlayoutKind.Silence], kinds);
        Assert.Equal((PlayoutKind.Decoded, (short)2), (resumed.Kind, IndexCodec.IndexOf(resumed.Frame)));
    }

    [Fact]
    public void Duplicates_and_other_payload_types_are_ignored()
    {
        var buffer = new JitterBuffer(new IndexCodec(), new JitterBufferOptions { TargetDelay = TimeSpan.Zero });
        buffer.Push(Packet(1, 1), TimeSpan.Zero);
        buffer.Push(Packet(1, 1), TimeSpan.Zero);
        buffer.Push(new RtpPacket { PayloadType = 101, SequenceNumber = 2, Payload = IndexCodec.Payload(9) }, TimeSpan.Zero);

        Assert.Equal(1, IndexCodec.IndexOf(buffer.Pull(TimeSpan.Zero).Frame));
        Assert.Equal(PlayoutKind.Concealed, buffer.Pull(Frame).Kind);
        Assert.Equal(1, buffer.Statistics.PacketsDuplicated);
    }

    [Fact]
    public void A_burst_beyond_the_maximum_delay_skips_the_oldest_frames()
    {
        var buffer = new JitterBuffer(new IndexCodec(), new JitterBufferOptions { TargetDelay = TimeSpan.Zero, MaxDelay = Frame * 5 });
        for (short i = 0; i < 20; i++)
        {
            buffer.Push(Packet((ushort)i, i), TimeSpan.Zero);
        }

        Assert.Equal(15, IndexCodec.IndexOf(buffer.Pull(TimeSpan.Zero).Frame));
        Assert.Equal(15, buffer.Statistics.PacketsSkippedForLatency);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_lossy_reordering_link_plays_every_slot_conceals_the_losses_and_keeps_delay_bounded(int seed)
    {
        var options = new JitterBufferOptions();
        var buffer = new JitterBuffer(new IndexCodec(), options);
        var link = new LossyAudioLink(seed, lossRate: 0.10, baseDelay: TimeSpan.FromMilliseconds(30), jitter: TimeSpan.FromMilliseconds(50));
        const int frames = 1500;
        var played = new List<PlayoutFrame>();

        for (int tick = 0; tick < frames + 20; tick++)
        {
            TimeSpan now = Frame * tick;
            if (tick < frames)
            {
                link.Send(Packet((ushort)(60000 + tick), (short)tick), now);
            }
            foreach (RtpPacket arrived in link.Deliver(now))
            {
                buffer.Push(arrived, now);
            }
            played.Add(buffer.Pull(now));
        }

        short[] decoded = [.. played.Where(f => f.Kind == PlayoutKind.Decoded).Select(f => IndexCodec.IndexOf(f.Frame))];
        JitterBufferStatistics stats = buffer.Statistics;
        Assert.True(link.Reordered > 50, $"the link reordered only {link.Reordered} packets");
        Assert.Equal(decoded.Order(), decoded); // never out of order
        Assert.InRange(stats.FramesConcealed, link.Lost * 0.8, link.Lost + stats.PacketsLate + 20);
        Assert.True(stats.MaxWait <= options.MaxDelay + Frame, $"a packet waited {stats.MaxWait}");
        Assert.InRange(decoded.Length, frames - link.Lost - stats.PacketsLate - stats.PacketsSkippedForLatency, frames - link.Lost);
    }

    [Fact]
    public void Opus_over_the_lossy_link_conceals_with_audible_frames()
    {
        using var codec = new OpusCodec(111);
        using var encoder = new OpusCodec(111);
        var buffer = new JitterBuffer(codec);
        var link = new LossyAudioLink(7, lossRate: 0.10, baseDelay: TimeSpan.FromMilliseconds(30), jitter: TimeSpan.FromMilliseconds(40));
        var concealedLevels = new List<double>();

        for (int tick = 0; tick < 300; tick++)
        {
            TimeSpan now = Frame * tick;
            byte[] payload = encoder.Encode(Codecs.TestSignals.Sine(440, 0.5, tick));
            link.Send(new RtpPacket { PayloadType = 111, SequenceNumber = (ushort)tick, Timestamp = (uint)(960 * tick), Payload = payload }, now);
            foreach (RtpPacket arrived in link.Deliver(now))
            {
                buffer.Push(arrived, now);
            }
            PlayoutFrame frame = buffer.Pull(now);
            if (frame.Kind == PlayoutKind.Concealed)
            {
                concealedLevels.Add(frame.Frame.Level);
            }
        }

        Assert.NotEmpty(concealedLevels);
        Assert.True(concealedLevels.Average() > 0.05, $"concealment averaged level {concealedLevels.Average()}");
    }

    private static RtpPacket Packet(ushort sequence, short index) => new()
    {
        PayloadType = 100,
        SequenceNumber = sequence,
        Timestamp = (uint)(960 * index),
        Payload = IndexCodec.Payload(index),
    };
}
