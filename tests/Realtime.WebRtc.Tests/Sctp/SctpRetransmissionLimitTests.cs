using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.Tests.Sctp;

/// <summary>T1 and T2 against a peer that never answers, driven on a fake clock.</summary>
public sealed class SctpRetransmissionLimitTests
{
    [Fact]
    public void An_unanswered_init_is_resent_with_doubling_timeouts_then_the_handshake_times_out()
    {
        var options = new SctpOptions { RtoInitial = TimeSpan.FromSeconds(1), RtoMax = TimeSpan.FromSeconds(4), MaxInitRetransmissions = 3 };
        var association = new SctpAssociation(options);
        TimeSpan start = TimeSpan.FromSeconds(100);
        association.Connect(start);

        List<(TimeSpan At, SctpChunk Chunk)> sent = RunAlone(association, start);

        Assert.All(sent, s => Assert.IsType<InitChunk>(s.Chunk));
        Assert.Equal([0.0, 1, 3, 7], sent.Select(s => (s.At - start).TotalSeconds));
        Assert.Equal(SctpAssociationState.Closed, association.State);
        SctpEvent ended = Assert.Single(Events(association));
        Assert.Equal(SctpEventKind.Aborted, ended.Kind);
        Assert.Equal("handshake timed out", ended.Reason);
    }

    [Fact]
    public void An_unanswered_shutdown_is_resent_until_max_retransmissions_then_the_association_aborts()
    {
        var options = new SctpOptions { RtoMax = TimeSpan.FromSeconds(2), MaxRetransmissions = 3, HeartbeatInterval = TimeSpan.FromHours(1) };
        var pair = new SctpPair(new LossyLink(31), options);
        pair.A.Connect(pair.Now);
        Assert.True(pair.RunUntil(() => pair.Has(0, SctpEventKind.Connected) && pair.Has(1, SctpEventKind.Connected)));
        pair.Link.Filter = (_, _) => true; // The peer is gone: nothing arrives either way.
        TimeSpan rto = pair.A.Rto;

        pair.A.Shutdown(pair.Now);
        List<(TimeSpan At, SctpChunk Chunk)> sent = RunAlone(pair.A, pair.Now);

        Assert.All(sent.SkipLast(1), s => Assert.IsType<ShutdownChunk>(s.Chunk));
        Assert.IsType<AbortChunk>(sent[^1].Chunk);
        TimeSpan[] gaps = [.. sent.Zip(sent.Skip(1), (a, b) => b.At - a.At)];
        TimeSpan Capped(TimeSpan t) => t > options.RtoMax ? options.RtoMax : t;
        Assert.Equal([rto, Capped(rto * 2), Capped(rto * 4), Capped(rto * 8)], gaps);
        Assert.Equal(SctpAssociationState.Closed, pair.A.State);
        Assert.Contains(Events(pair.A), e => e.Kind == SctpEventKind.Aborted && e.Reason == "peer did not complete the shutdown");
    }

    /// <summary>Runs an association's timers with nobody answering; returns each chunk it sent and when.</summary>
    private static List<(TimeSpan At, SctpChunk Chunk)> RunAlone(SctpAssociation association, TimeSpan now)
    {
        var sent = new List<(TimeSpan, SctpChunk)>();
        while (true)
        {
            while (association.TryPollTransmit(out byte[] packet))
            {
                sent.AddRange(SctpPacket.Decode(packet).Chunks.Select(c => (now, c)));
            }
            if (association.PollTimeout() is not { } next)
            {
                return sent;
            }
            now = next;
            association.HandleTimeout(now);
        }
    }

    private static List<SctpEvent> Events(SctpAssociation association)
    {
        var events = new List<SctpEvent>();
        while (association.TryPollEvent(out SctpEvent e))
        {
            events.Add(e);
        }
        return events;
    }
}
