using Realtime.Shared.Captions;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Sessions;
using Realtime.Silo.Tests.Cluster;
using static Realtime.Silo.Tests.Sessions.Captions.Events;

namespace Realtime.Silo.Tests.Sessions;

/// <summary>The session grain's captions on the test cluster: publish, fan-out to nodes, catch-up, persistence, idle timeout.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionCaptionsTests(ClusterFixture fixture)
{
    private const string Owner = "alice";
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(new SessionOptions().IdleTimeoutSeconds);

    private sealed record Session(ISessionGrain Grain, string TenantId)
    {
        public Task<PublishAck> Publish(params CaptionEvent[] events) => Grain.Publish(TenantId, Owner, events);
    }

    private async Task<Session> Issued(TimeSpan? ttl = null)
    {
        var tenantId = TestKeys.Tenant();
        var grain = await new UserScenario(fixture, tenantId, Owner).Session(ttl ?? TimeSpan.FromMinutes(5));
        return new Session(grain, tenantId);
    }

    private static IEnumerable<long> Seqs(long from, long through) => Enumerable.Range((int)from, (int)(through - from + 1)).Select(s => (long)s);

    private static async Task<PublishAck> Accepted(Task<PublishAck> publish)
    {
        var ack = await publish;
        Assert.Null(ack.Refused);
        return ack;
    }

    [Fact]
    public async Task The_first_publish_makes_the_session_live_and_the_snapshot_counts()
    {
        var session = await Issued();

        var ack = await session.Publish(UserDelta("e1", "item_a", "Hel"), UserDelta("e2", "item_a", "lo"), Ignored("e3"),
            AssistantDone("e4", "item_r", "Yes."));

        Assert.Equal(new PublishAck(4, 0, 3), ack);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal((SessionState.Live, 4, 2), (snapshot?.State, snapshot?.EventCount, snapshot?.SegmentCount));
    }

    [Fact]
    public async Task Strangers_other_tenants_and_unknown_sessions_are_refused_and_nothing_is_applied()
    {
        var session = await Issued();

        Assert.Equal(PublishRefusal.NotOwner, (await session.Grain.Publish(session.TenantId, "bob", [UserDelta("e1", "i", "x")])).Refused);
        Assert.Equal(PublishRefusal.NotOwner, (await session.Grain.Publish(TestKeys.Tenant(), Owner, [UserDelta("e1", "i", "x")])).Refused);
        var unknown = fixture.Client.GetGrain<ISessionGrain>(TestKeys.Session());
        Assert.Equal(PublishRefusal.SessionUnknown, (await unknown.Publish(session.TenantId, Owner, [UserDelta("e1", "i", "x")])).Refused);

        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal((SessionState.Issued, 0, 0), (snapshot?.State, snapshot?.EventCount, snapshot?.SegmentCount));
        Assert.Null(await unknown.GetSnapshot());
        // The owner's first publish is the one that counts.
        Assert.Equal(new PublishAck(1, 0, 1), await session.Publish(UserDelta("e1", "i", "x")));
    }

    [Fact]
    public async Task Ended_and_expired_sessions_refuse_publishing()
    {
        var ended = await Issued();
        await Accepted(ended.Publish(UserDelta("e1", "i", "x")));
        await ended.Grain.End();
        var expired = await Issued(TimeSpan.FromSeconds(10));
        fixture.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(new PublishAck(0, 0, 1, PublishRefusal.SessionEnded), await ended.Publish(UserDelta("e2", "i", "y")));
        Assert.Equal(PublishRefusal.SessionEnded, (await expired.Publish(UserDelta("e1", "i", "x"))).Refused);
        Assert.Equal(SessionState.Expired, (await expired.Grain.GetSnapshot())?.State);
        Assert.Equal("x", (await ended.Grain.GetTranscript()).Segments.Single().Text);
    }

    [Fact]
    public async Task A_malformed_event_is_refused_before_anything_is_applied()
    {
        var session = await Issued();
        var noText = new CaptionEvent("e2", CaptionEventKind.UserCompleted, "i", 0, null, null);

        await Assert.ThrowsAsync<ArgumentException>(() => session.Publish(UserDelta("e1", "i", "x"), noText));

        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal((SessionState.Issued, 0, 0), (snapshot?.State, snapshot?.EventCount, snapshot?.SegmentCount));
    }

    [Fact]
    public async Task Every_subscribed_node_receives_each_batch_once_and_in_seq_order()
    {
        var session = await Issued();
        var (a, b) = (new RecordingNode(fixture), new RecordingNode(fixture));
        var catchUp = await session.Grain.Watch(a.Id, a.Reference, 0);
        Assert.Equal((SessionState.Issued, 0L, 0), (catchUp.State, catchUp.LastSeq, catchUp.Updates.Count));
        await session.Grain.Watch(b.Id, b.Reference, 0);

        var acks = new List<PublishAck>();
        for (var i = 0; i < 10; i++)
        {
            acks.Add(await Accepted(session.Publish(UserDelta($"d{i}", "item_a", $"w{i} "), AssistantDelta($"r{i}", "item_r", "."))));
        }

        acks.Add(await Accepted(session.Publish(UserCompleted("c", "item_a", "Done."), AssistantDone("rc", "item_r", "Ok."))));
        var lastSeq = acks[^1].LastSeq;
        // The barrier: a marker published after every ack above, so the grain pushed it after anything those
        // publishes pushed (a stray duplicate included), on the one connection of this one-silo cluster.
        acks.Add(await Accepted(session.Publish(UserDelta("m", "item_m", "marker"))));
        var markerSeq = acks[^1].LastSeq;
        foreach (var node in new[] { a, b })
        {
            await node.ReceivedSeqs(Seqs(1, markerSeq), "every batch and the marker");

            // One batch per publish, each in seq order, together every seq once. Orleans does not promise that
            // one-way messages arrive in the order sent (a reorder was seen under load): nodes order by seq.
            Assert.Equal(acks.Count, node.Batches.Count);
            Assert.All(node.Batches, batch => Assert.Equal(batch.Updates.Select(u => u.Seq).Order(), batch.Updates.Select(u => u.Seq)));
            Assert.Equal(Enumerable.Range(1, (int)markerSeq).Select(s => (long)s), node.Updates.Select(u => u.Seq).Order());
            Assert.All(node.Batches, batch => Assert.Equal((session.Grain.GetPrimaryKeyString(), SessionState.Live), (batch.SessionId, batch.State)));
            Assert.Equal([("item_a:0", "Done."), ("item_r:0", "Ok.")],
                node.Batches.Single(b => b.Updates[^1].Seq == lastSeq).Updates.Select(u => (u.SegmentId, u.Text)));
        }
    }

    [Fact]
    public async Task Catch_up_then_live_updates_have_no_gap_and_no_duplicate()
    {
        var session = await Issued();
        await Accepted(session.Publish(UserDelta("1", "u1", "Hel"), UserDelta("2", "u1", "lo"), UserCompleted("3", "u1", "Hello."),
            AssistantDelta("4", "r1", "Hi")));
        var node = new RecordingNode(fixture);

        var catchUp = await session.Grain.Watch(node.Id, node.Reference, afterSeq: 0);
        await Accepted(session.Publish(AssistantDone("5", "r1", "Hi there."), UserDelta("6", "u2", "Bye")));
        var last = await Accepted(session.Publish(UserCompleted("7", "u2", "Bye.")));
        await node.ReceivedSeqs(Seqs(catchUp.LastSeq + 1, last.LastSeq), "the live updates");

        // The catch-up coalesced u1's partials into its final; live updates start right after its LastSeq.
        Assert.Equal((SessionState.Live, 4L), (catchUp.State, catchUp.LastSeq));
        Assert.Equal([("u1:0", CaptionKind.Final, "Hello."), ("r1:0", CaptionKind.Partial, "Hi")],
            catchUp.Updates.Select(u => (u.SegmentId, u.Kind, u.Text)));
        var all = catchUp.Updates.Concat(node.Updates.OrderBy(u => u.Seq)).ToList();
        Assert.Equal([3L, 4, 5, 6, 7], all.Select(u => u.Seq));

        // A viewer folding catch-up and live updates ends where the transcript is.
        var folded = all.GroupBy(u => u.SegmentId).Select(g => (g.Key, g.Last().Kind, g.Last().Text));
        var transcript = (await session.Grain.GetTranscript()).Segments.Select(s => (s.SegmentId, s.Kind, s.Text));
        Assert.Equal(transcript.Order(), folded.Order());

        // A viewer that resumes after seq 5 (on any node) gets exactly what it missed.
        var resumed = await session.Grain.GetUpdatesAfter(5);
        Assert.Equal([(7L, "u2:0", "Bye.")], resumed.Updates.Select(u => (u.Seq, u.SegmentId, u.Text)));
        Assert.Equal(7, resumed.LastSeq);
    }

    [Fact]
    public async Task A_resent_batch_duplicates_nothing()
    {
        var session = await Issued();
        CaptionEvent[] batch = [SpeechStarted("s", "u1", 100), UserDelta("d1", "u1", "Hi"), UserDelta("d2", "u1", " all"), UserCompleted("c", "u1", "Hi all.")];
        var first = await Accepted(session.Publish(batch));
        var node = new RecordingNode(fixture);
        await session.Grain.Watch(node.Id, node.Reference, first.LastSeq);

        var again = await Accepted(session.Publish(batch));
        var sentinel = await Accepted(session.Publish(AssistantDone("r", "r1", "Yes.")));
        await node.Received(b => b.Updates.Any(u => u.Seq == sentinel.LastSeq), "the sentinel batch");

        Assert.Equal(new PublishAck(0, 4, first.LastSeq), again);
        Assert.Equal([first.LastSeq + 1], node.Updates.Select(u => u.Seq));
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal((5, 2), (snapshot?.EventCount, snapshot?.SegmentCount));
        Assert.Equal("Hi all.", (await session.Grain.GetTranscript()).Segments[0].Text);
    }

    [Fact]
    public async Task Finals_and_seqs_survive_a_deactivation_and_later_seqs_are_higher()
    {
        var session = await Issued();
        CaptionEvent[] batch = [UserCompleted("c1", "u1", "One."), SpeechStarted("s1", "u1", 120), UserDelta("d2", "u2", "Tw")];
        var before = await Accepted(session.Publish(batch));
        var finalBefore = (await session.Grain.GetUpdatesAfter(0)).Updates.Single(u => u.SegmentId == "u1:0");

        await fixture.Cluster.DeactivateAsync(session.Grain);

        // The final and its seq are back; the partial was never persisted.
        var restored = await session.Grain.GetUpdatesAfter(0);
        Assert.Equal(SessionState.Live, restored.State);
        Assert.Equal([finalBefore], restored.Updates);
        Assert.True(restored.LastSeq >= before.LastSeq);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal((3, 1), (snapshot?.EventCount, snapshot?.SegmentCount));

        // A resend after the restart changes no final; new changes number above everything handed out before.
        var node = new RecordingNode(fixture);
        await session.Grain.Watch(node.Id, node.Reference, restored.LastSeq);
        var resent = await Accepted(session.Publish(batch));
        var after = await Accepted(session.Publish(UserCompleted("c2", "u2", "Two.")));

        Assert.True(resent.LastSeq > before.LastSeq); // only the lost partial came back, numbered above
        await node.ReceivedSeqs([resent.LastSeq, after.LastSeq], "the new partial and final");
        Assert.Equal([("u2:0", resent.LastSeq, "Tw"), ("u2:0", after.LastSeq, "Two.")],
            node.Updates.OrderBy(u => u.Seq).Select(u => (u.SegmentId, u.Seq, u.Text)));
        Assert.Equal([("u1:0", "One.", 120L), ("u2:0", "Two.", (long?)null)],
            (await session.Grain.GetTranscript()).Segments.Select(s => (s.SegmentId, s.Text, s.StartMs)));
        Assert.True(finalBefore.Seq < after.LastSeq);
    }

    [Fact]
    public async Task A_node_that_stops_refreshing_is_dropped_and_unwatch_drops_a_node_at_once()
    {
        var session = await Issued();
        var (stale, fresh, leaving) = (new RecordingNode(fixture), new RecordingNode(fixture), new RecordingNode(fixture));
        foreach (var node in new[] { stale, fresh, leaving }) await session.Grain.Watch(node.Id, node.Reference, 0);

        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        await session.Grain.Watch(fresh.Id, fresh.Reference, 0);
        await session.Grain.Watch(leaving.Id, leaving.Reference, 0);
        await session.Grain.Unwatch(leaving.Id);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31)); // stale: 91 s without a refresh; fresh: 31 s

        var dropped = await Accepted(session.Publish(UserDelta("e1", "i", "x")));
        await fresh.Received(b => b.Updates.Any(u => u.Seq == dropped.LastSeq), "the refreshed node's batch");

        // Subscribed again, both get the next batch: the sentinel that shows the earlier one was never sent to them.
        foreach (var node in new[] { stale, leaving }) await session.Grain.Watch(node.Id, node.Reference, dropped.LastSeq);
        var sentinel = await Accepted(session.Publish(UserDelta("e2", "i", "y")));
        foreach (var node in new[] { stale, leaving })
        {
            await node.ReceivedSeqs([sentinel.LastSeq], "the batch after subscribing again");
            Assert.Equal([sentinel.LastSeq], node.Updates.Select(u => u.Seq));
        }
    }

    [Fact]
    public async Task Ending_pushes_the_state_to_subscribed_nodes()
    {
        var session = await Issued();
        await Accepted(session.Publish(UserDelta("e1", "i", "x")));
        var node = new RecordingNode(fixture);
        await session.Grain.Watch(node.Id, node.Reference, 0);

        await session.Grain.End();

        await node.Received(b => b.State == SessionState.Ended, "the ended state");
        Assert.Empty(node.Batches.Single().Updates);
        Assert.Equal(SessionState.Ended, (await session.Grain.Watch(node.Id, node.Reference, 0)).State);
    }

    [Fact]
    public async Task An_idle_live_session_ends_on_its_own_and_frees_its_owners_slot()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 100, PerHour: 1000, ConcurrentSessions: 1);
        var grant = await user.Mint(limits, TimeSpan.FromSeconds(60));
        var (tenantId, userId) = UserKey.Parse(user.Key);
        var grain = fixture.Client.GetGrain<ISessionGrain>(grant.SessionId);
        var node = new RecordingNode(fixture);

        await Accepted(grain.Publish(tenantId, userId, [UserDelta("e1", "i", "x")]));
        fixture.Clock.Advance(TimeSpan.FromSeconds(300)); // past the secret's expiry: a live session goes on
        await Accepted(grain.Publish(tenantId, userId, [UserDelta("e2", "i", "y")]));
        var lastPublish = fixture.Clock.GetUtcNow();

        fixture.Clock.Advance(IdleTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(SessionState.Live, (await grain.GetSnapshot())?.State);
        Assert.Equal(1, (await user.Usage()).OpenSessions);
        await grain.Watch(node.Id, node.Reference, 0); // watching (a node's refresh) is not publishing

        // Nobody asks: the grain's own timer notices, ends the session, tells the nodes and the user grain.
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => (await user.Usage()).OpenSessions == 0, "the idle session to free its slot");
        await node.Received(b => b.State == SessionState.Ended, "the ended state");

        var snapshot = await grain.GetSnapshot();
        Assert.Equal((SessionState.Ended, lastPublish + IdleTimeout), (snapshot?.State, snapshot?.EndedAt));
        Assert.True((await user.Reserve(limits)).Granted);
    }

    [Fact]
    public async Task An_idle_session_whose_grain_was_deactivated_ends_when_it_wakes_up()
    {
        var session = await Issued();
        await Accepted(session.Publish(UserDelta("e1", "i", "x")));
        var lastPublish = fixture.Clock.GetUtcNow();
        await fixture.Cluster.DeactivateAsync(session.Grain);

        fixture.Clock.Advance(IdleTimeout + TimeSpan.FromSeconds(5));

        Assert.Equal(PublishRefusal.SessionEnded, (await session.Publish(UserDelta("e2", "i", "y"))).Refused);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal((SessionState.Ended, lastPublish + IdleTimeout), (snapshot?.State, snapshot?.EndedAt));
    }

    [Fact]
    public async Task The_transcript_lists_segments_in_order_of_first_appearance_with_timings_and_arrival_times()
    {
        var session = await Issued();
        var t0 = fixture.Clock.GetUtcNow();
        await Accepted(session.Publish(SpeechStarted("s1", "u1", 1500)));
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        await Accepted(session.Publish(UserDelta("d1", "u1", "Hel")));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Accepted(session.Publish(AssistantDelta("r1", "r1", "Sure")));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var last = await Accepted(session.Publish(UserCompleted("c1", "u1", "Hello."), SpeechStopped("s2", "u1", 2900), AssistantDone("r2", "r1", "Sure.")));

        var transcript = await session.Grain.GetTranscript();

        Assert.Equal((session.Grain.GetPrimaryKeyString(), t0), (transcript.SessionId, transcript.FirstEventAt));
        Assert.Equal(
        [
            new CaptionSegment("u1:0", CaptionRole.User, CaptionKind.Final, "Hello.", 1500, 2900, t0.AddSeconds(2), t0.AddSeconds(4), last.LastSeq - 1, ItemId: "u1"),
            new CaptionSegment("r1:0", CaptionRole.Assistant, CaptionKind.Final, "Sure.", null, null, t0.AddSeconds(3), t0.AddSeconds(4), last.LastSeq, ItemId: "r1"),
        ], transcript.Segments);
    }

    [Fact]
    public async Task Diarized_speakers_and_the_conversation_order_reach_watchers_and_survive_a_deactivation()
    {
        var session = await Issued();
        var node = new RecordingNode(fixture);
        await session.Grain.Watch(node.Id, node.Reference, afterSeq: 0);

        await Accepted(session.Publish(Committed("c1", "u1", ""), AssistantDone("r1", "a1", "Hello!")));
        var last = await Accepted(session.Publish(Diarized("d1", "u1", "seg_1", "A", "Hi.", 0, 800), Diarized("d2", "u1", "seg_2", "B", "Hey.", 900, 1500)));
        await node.ReceivedSeqs([last.LastSeq - 1, last.LastSeq], "the diarized segments");

        Assert.Equal([("u1:0:seg_1", "A", ""), ("u1:0:seg_2", "B", "")],
            node.Updates.Where(u => u.Speaker is not null).OrderBy(u => u.Seq).Select(u => (u.SegmentId, u.Speaker, u.PreviousItemId)));
        await fixture.Cluster.DeactivateAsync(session.Grain);

        var transcript = await session.Grain.GetTranscript();
        Assert.Equal([("u1:0:seg_1", "A"), ("u1:0:seg_2", "B"), ("a1:0", null)], transcript.Segments.Select(s => (s.SegmentId, s.Speaker)));
    }
}
