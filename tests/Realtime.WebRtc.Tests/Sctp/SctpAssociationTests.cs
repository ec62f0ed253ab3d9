using System.Security.Cryptography;
using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.Tests.Sctp;

public sealed class SctpAssociationTests
{
    private static SctpPair Connected(LossyLink? link = null, SctpOptions? options = null, bool both = true)
    {
        var pair = new SctpPair(link ?? new LossyLink(1), options);
        pair.A.Connect(pair.Now);
        if (both)
        {
            pair.B.Connect(pair.Now);
        }
        Assert.True(pair.RunUntil(() => pair.Has(0, SctpEventKind.Connected) && pair.Has(1, SctpEventKind.Connected)));
        return pair;
    }

    [Fact]
    public void One_side_connects_and_the_passive_side_answers_from_closed()
    {
        var pair = Connected(both: false);

        Assert.Equal(SctpAssociationState.Established, pair.A.State);
        Assert.Equal(SctpAssociationState.Established, pair.B.State);
        Assert.Equal((ushort)65535, pair.A.OutboundStreams);
        Assert.Equal((ushort)65535, pair.B.InboundStreams);
    }

    [Fact]
    public void Either_side_may_initiate()
    {
        var pair = new SctpPair(new LossyLink(2));
        pair.B.Connect(pair.Now);

        Assert.True(pair.RunUntil(() => pair.Has(0, SctpEventKind.Connected) && pair.Has(1, SctpEventKind.Connected)));
        pair.A.Send(1, 51, "from the passive side"u8);
        Assert.True(pair.RunUntil(() => pair.Messages(1).Any()));
    }

    [Fact]
    public void Simultaneous_inits_collide_into_one_association()
    {
        var pair = Connected(both: true);

        Assert.Single(pair.Events[0], e => e.Kind == SctpEventKind.Connected);
        Assert.Single(pair.Events[1], e => e.Kind == SctpEventKind.Connected);
        pair.A.Send(0, 51, "a"u8);
        pair.B.Send(1, 51, "b"u8);
        Assert.True(pair.RunUntil(() => pair.Messages(0).Any() && pair.Messages(1).Any()));
    }

    [Fact]
    public void Handshake_survives_loss_of_init_and_cookie_echo()
    {
        var link = new LossyLink(3);
        int dropped = 0;
        link.Filter = (_, bytes) =>
        {
            bool handshake = SctpPacket.Decode(bytes).Chunks[0] is InitChunk { IsAck: false } or CookieEchoChunk;
            return handshake && dropped < 3 && ++dropped > 0;
        };
        var pair = new SctpPair(link);
        pair.A.Connect(pair.Now);

        Assert.True(pair.RunUntil(() => pair.Has(0, SctpEventKind.Connected) && pair.Has(1, SctpEventKind.Connected)));
        Assert.Equal(3, dropped);
    }

    [Fact]
    public void Ten_thousand_ordered_messages_arrive_in_order_over_a_lossy_link()
    {
        var pair = Connected(new LossyLink(4, loss: 0.1, duplication: 0.1));
        for (int i = 0; i < 10_000; i++)
        {
            pair.A.Send(1, 51, BitConverter.GetBytes(i));
        }

        Assert.True(pair.RunUntil(() => pair.Messages(1).Count() == 10_000));
        Assert.Equal(Enumerable.Range(0, 10_000), pair.Messages(1).Select(m => BitConverter.ToInt32(m.Data)));
        Assert.True(pair.Link.Dropped > 100);
    }

    [Fact]
    public void Large_messages_are_fragmented_and_reassembled_both_ways()
    {
        var pair = Connected(new LossyLink(5, loss: 0.1, duplication: 0.1));
        byte[][] sent = [.. Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetBytes(200 * 1024))];
        foreach (byte[] message in sent)
        {
            pair.A.Send(2, 53, message);
            pair.B.Send(3, 53, message);
        }

        Assert.True(pair.RunUntil(() => pair.Messages(0).Count() == 4 && pair.Messages(1).Count() == 4));
        Assert.Equal(sent, pair.Messages(1).Select(m => m.Data));
        Assert.Equal(sent, pair.Messages(0).Select(m => m.Data));
        Assert.All(pair.Messages(1), m => Assert.Equal((ushort)2, m.StreamId));
    }

    [Fact]
    public void Largest_chromium_message_fits()
    {
        var pair = Connected(new LossyLink(6, loss: 0.05));
        byte[] message = RandomNumberGenerator.GetBytes(262_144);
        pair.A.Send(0, 53, message);

        Assert.True(pair.RunUntil(() => pair.Messages(1).Any()));
        Assert.Equal(message, pair.Messages(1).Single().Data);
    }

    [Fact]
    public void Unordered_messages_all_arrive()
    {
        var pair = Connected(new LossyLink(7, loss: 0.1, duplication: 0.1));
        for (int i = 0; i < 2_000; i++)
        {
            pair.A.Send(4, 53, BitConverter.GetBytes(i), new SctpSendOptions(Unordered: true));
        }
        pair.A.Send(4, 53, RandomNumberGenerator.GetBytes(50_000), new SctpSendOptions(Unordered: true));

        Assert.True(pair.RunUntil(() => pair.Messages(1).Count() == 2_001));
        Assert.All(pair.Messages(1), m => Assert.True(m.Unordered));
        Assert.Equal(Enumerable.Range(0, 2_000), pair.Messages(1).Where(m => m.Data.Length == 4).Select(m => BitConverter.ToInt32(m.Data)).Order());
        Assert.Single(pair.Messages(1), m => m.Data.Length == 50_000);
    }

    [Fact]
    public void Lost_tail_is_recovered_by_the_retransmission_timer()
    {
        var pair = Connected();
        int dropped = 0;
        pair.Link.Filter = (from, bytes) => from == 0 && SctpPacket.Decode(bytes).Chunks.Any(c => c is DataChunk) && dropped++ == 0;
        pair.A.Send(0, 51, "only packet"u8);

        Assert.True(pair.RunUntil(() => pair.Messages(1).Any()));
        Assert.True(pair.Now > TimeSpan.FromSeconds(1.2)); // Waited for T3-rtx, nothing else could recover it.
    }

    [Fact]
    public void Three_missing_reports_trigger_fast_retransmit_before_the_timer()
    {
        var pair = Connected(new LossyLink(8, minDelayMs: 1, maxDelayMs: 1));
        TimeSpan start = pair.Now;
        var first = true;
        pair.Link.Filter = (from, bytes) => from == 0 && SctpPacket.Decode(bytes).Chunks.Any(c => c is DataChunk) && first && !(first = false);
        for (int i = 0; i < 20; i++)
        {
            pair.A.Send(0, 53, new byte[1000]);
        }

        Assert.True(pair.RunUntil(() => pair.Messages(1).Count() == 20));
        Assert.True(pair.Now - start < pair.A.Rto, $"took {pair.Now - start}, RTO {pair.A.Rto}");
    }

    [Fact]
    public void Idle_association_exchanges_heartbeats()
    {
        var pair = Connected();
        int heartbeats = 0, acks = 0;
        pair.Link.Filter = (_, bytes) =>
        {
            foreach (SctpChunk chunk in SctpPacket.Decode(bytes).Chunks)
            {
                if (chunk is HeartbeatChunk h)
                {
                    _ = h.IsAck ? acks++ : heartbeats++;
                }
            }
            return false;
        };

        pair.Advance(TimeSpan.FromSeconds(40));

        Assert.True(heartbeats >= 2);
        Assert.Equal(heartbeats, acks);
        Assert.Equal(SctpAssociationState.Established, pair.A.State);
    }

    [Fact]
    public void Unreachable_peer_is_declared_dead()
    {
        var pair = Connected();
        pair.Link.Filter = (_, _) => true;
        pair.A.Send(0, 51, "into the void"u8);

        pair.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(SctpAssociationState.Closed, pair.A.State);
        Assert.Contains(pair.Events[0], e => e.Kind == SctpEventKind.Aborted && e.Reason!.Contains("unreachable"));
    }

    [Fact]
    public void Abort_reaches_the_peer_with_its_reason()
    {
        var pair = Connected();

        pair.A.Abort("going away");

        Assert.True(pair.RunUntil(() => pair.Has(1, SctpEventKind.Aborted)));
        Assert.Contains("going away", pair.Events[1].Single(e => e.Kind == SctpEventKind.Aborted).Reason);
        Assert.Equal(SctpAssociationState.Closed, pair.A.State);
        Assert.Equal(SctpAssociationState.Closed, pair.B.State);
    }

    [Fact]
    public void Shutdown_delivers_queued_data_then_closes_both_sides()
    {
        var pair = Connected(new LossyLink(9, loss: 0.1));
        for (int i = 0; i < 100; i++)
        {
            pair.A.Send(0, 51, BitConverter.GetBytes(i));
        }

        pair.A.Shutdown(pair.Now);

        Assert.True(pair.RunUntil(() => pair.Has(0, SctpEventKind.Closed) && pair.Has(1, SctpEventKind.Closed)));
        Assert.Equal(100, pair.Messages(1).Count());
        Assert.Equal(SctpAssociationState.Closed, pair.A.State);
        Assert.Equal(SctpAssociationState.Closed, pair.B.State);
        Assert.Throws<InvalidOperationException>(() => pair.B.Send(0, 51, "late"u8));
    }

    [Fact]
    public void Stream_reset_is_reported_on_both_sides_after_pending_data()
    {
        var pair = Connected(new LossyLink(10, loss: 0.1));
        for (int i = 0; i < 50; i++)
        {
            pair.A.Send(6, 51, BitConverter.GetBytes(i));
        }
        pair.A.ResetStreams([6]);

        Assert.True(pair.RunUntil(() => pair.Has(0, SctpEventKind.OutgoingStreamsReset) && pair.Has(1, SctpEventKind.IncomingStreamsReset)));
        Assert.Equal(50, pair.Messages(1).Count());
        Assert.Equal([6], pair.Events[1].Single(e => e.Kind == SctpEventKind.IncomingStreamsReset).StreamIds);

        // After the reset the stream starts again at SSN 0 and still delivers.
        pair.A.Send(6, 51, "reopened"u8);
        Assert.True(pair.RunUntil(() => pair.Messages(1).Count() == 51));
    }

    [Fact]
    public void Partially_reliable_messages_are_abandoned_without_stalling_the_association()
    {
        var pair = Connected(new LossyLink(11, loss: 0.3));
        for (int i = 0; i < 300; i++)
        {
            pair.A.Send(8, 53, BitConverter.GetBytes(i), new SctpSendOptions(Unordered: false, MaxRetransmits: 0));
        }
        pair.A.Send(10, 51, "reliable after lossy"u8);

        Assert.True(pair.RunUntil(() => pair.Messages(1).Any(m => m.StreamId == 10)));
        int[] lossy = [.. pair.Messages(1).Where(m => m.StreamId == 8).Select(m => BitConverter.ToInt32(m.Data))];
        Assert.True(lossy.Length < 300);
        Assert.Equal(lossy.Order(), lossy); // Still in order, with holes.
    }

    [Theory]
    [InlineData(0xC1, true)]  // 11: skip, continue, report.
    [InlineData(0x81, false)] // 10: skip, continue, no report.
    [InlineData(0x41, true)]  // 01: stop processing the packet, report.
    [InlineData(0x01, false)] // 00: stop processing the packet, no report.
    public void Unknown_chunks_are_handled_by_their_top_two_bits(int type, bool reported)
    {
        var pair = Connected();
        uint tagOfB = TagTowards(pair, 1);
        var sentByB = new List<SctpChunk>();
        pair.Link.Filter = (from, bytes) =>
        {
            if (from == 1)
            {
                sentByB.AddRange(SctpPacket.Decode(bytes).Chunks);
            }
            return false;
        };
        byte[] packet = new SctpPacket(5000, 5000, tagOfB, [new UnknownChunk((byte)type, 0, [1, 2, 3, 4]), HeartbeatChunk.Request([7])]).Encode();

        pair.B.HandlePacket(packet, pair.Now);
        pair.RunUntil(() => false, TimeSpan.FromSeconds(1));

        bool continued = (type & 0x80) != 0;
        Assert.Equal(continued, sentByB.OfType<HeartbeatChunk>().Any(h => h.IsAck));
        Assert.Equal(reported, sentByB.OfType<ErrorChunk>().Any(e => e.Causes[0].Type == SctpErrorCause.UnrecognizedChunkType));
    }

    [Fact]
    public void Unknown_init_parameters_are_reported_in_the_init_ack()
    {
        var association = new SctpAssociation();
        List<SctpTlv> parameters = [new(0xC123, [1, 2, 3, 4]), new(0x8124, [5]), new(SctpParameterType.ForwardTsnSupported, [])];

        association.HandlePacket(new SctpPacket(5000, 5000, 0, [new InitChunk(false, 99, 100000, 10, 10, 1, parameters)]).Encode(), TimeSpan.Zero);

        Assert.True(association.TryPollTransmit(out byte[] bytes));
        SctpPacket reply = SctpPacket.Decode(bytes);
        Assert.Equal(99u, reply.VerificationTag);
        var ack = Assert.IsType<InitChunk>(Assert.Single(reply.Chunks));
        Assert.True(ack.IsAck);
        SctpTlv unrecognized = Assert.Single(ack.Parameters, p => p.Type == SctpParameterType.UnrecognizedParameter);
        Assert.Equal(0xC1, unrecognized.Value[0]); // Only the "report" one (01 in the second bit) is echoed.
        Assert.Contains(ack.Parameters, p => p.Type == SctpParameterType.StateCookie);
        Assert.Equal(SctpAssociationState.Closed, association.State); // No state kept until COOKIE-ECHO.
    }

    [Fact]
    public void Init_in_established_state_gets_an_init_ack_and_leaves_the_association_up()
    {
        var pair = Connected();
        var acks = new List<InitChunk>();
        pair.Link.Filter = (from, bytes) =>
        {
            acks.AddRange(SctpPacket.Decode(bytes).Chunks.OfType<InitChunk>().Where(c => c.IsAck));
            return false;
        };

        pair.B.HandlePacket(new SctpPacket(5000, 5000, 0, [new InitChunk(false, 0x1234, 100000, 10, 10, 1, [])]).Encode(), pair.Now);
        pair.RunUntil(() => false, TimeSpan.FromSeconds(1));

        Assert.Single(acks);
        Assert.Equal(SctpAssociationState.Established, pair.B.State);
        pair.A.Send(0, 51, "still fine"u8);
        Assert.True(pair.RunUntil(() => pair.Messages(1).Any()));
    }

    /// <summary>Reads the verification tag packets towards <paramref name="side"/> carry, by sending it a message.</summary>
    private static uint TagTowards(SctpPair pair, int side)
    {
        uint tag = 0;
        pair.Link.Filter = (from, bytes) =>
        {
            if (from != side)
            {
                tag = SctpPacket.Decode(bytes).VerificationTag;
            }
            return false;
        };
        pair.Sides[1 - side].Send(0, 51, "probe"u8);
        pair.RunUntil(() => pair.Messages(side).Any());
        pair.Events[side].Clear();
        pair.Link.Filter = null;
        return tag;
    }
}
