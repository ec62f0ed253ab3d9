using Realtime.Shared.Captions;
using Realtime.Silo.Sessions.Captions;
using static Realtime.Silo.Tests.Sessions.Captions.Events;

namespace Realtime.Silo.Tests.Sessions.Captions;

/// <summary>The aggregation rules one by one, on the pure state machine.</summary>
public sealed class CaptionAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly CaptionAggregator _captions = new("ses_1");

    private IReadOnlyList<CaptionUpdate> Apply(params CaptionEvent[] events) => _captions.Apply(events, T0).Updates;

    private static CaptionUpdate Update(long seq, string segment, string role, string kind, string text, long? start = null, long? end = null,
        string? previous = null, string? speaker = null) =>
        new("ses_1", seq, segment, role, kind, text, start, end, segment.Split(':')[0], previous, speaker);

    [Fact]
    public void Deltas_append_and_every_update_carries_the_whole_text()
    {
        var updates = Apply(UserDelta("e1", "item_a", "Hel"), UserDelta("e2", "item_a", "lo"), UserDelta("e3", "item_a", " you"));

        Assert.Equal(
        [
            Update(1, "item_a:0", CaptionRole.User, CaptionKind.Partial, "Hel"),
            Update(2, "item_a:0", CaptionRole.User, CaptionKind.Partial, "Hello"),
            Update(3, "item_a:0", CaptionRole.User, CaptionKind.Partial, "Hello you"),
        ], updates);
    }

    [Fact]
    public void Completed_replaces_the_text_with_the_final_text()
    {
        Apply(UserDelta("e1", "item_a", "Helo"));

        var updates = Apply(UserCompleted("e2", "item_a", "Hello."));

        Assert.Equal([Update(2, "item_a:0", CaptionRole.User, CaptionKind.Final, "Hello.")], updates);
        Assert.True(updates[0].IsFinal);
    }

    [Fact]
    public void Completed_before_its_deltas_wins_and_later_deltas_change_nothing()
    {
        Assert.Single(Apply(UserCompleted("c", "item_a", "Hello.")));

        Assert.Empty(Apply(UserDelta("d1", "item_a", "Hel"), UserDelta("d2", "item_a", "lo")));
        Assert.Equal("Hello.", _captions.Segments().Single().Text);
        Assert.Equal(1, _captions.LastSeq);
    }

    [Fact]
    public void A_later_completed_with_other_text_replaces_it_and_the_same_text_changes_nothing()
    {
        Apply(UserCompleted("c1", "item_a", "Hello."));

        Assert.Empty(Apply(UserCompleted("c2", "item_a", "Hello.")));
        Assert.Equal([Update(2, "item_a:0", CaptionRole.User, CaptionKind.Final, "Hello, you.")], Apply(UserCompleted("c3", "item_a", "Hello, you.")));
    }

    [Fact]
    public void Failed_marks_a_partial_segment_failed_keeping_its_text()
    {
        Apply(UserDelta("d1", "item_a", "Hel"));

        Assert.Equal([Update(2, "item_a:0", CaptionRole.User, CaptionKind.Failed, "Hel")], Apply(UserFailed("f", "item_a")));
        Assert.Empty(Apply(UserDelta("d2", "item_a", "lo")));
        Assert.Empty(Apply(UserFailed("f2", "item_a")));
    }

    [Fact]
    public void Failed_does_not_touch_a_final_segment_and_completed_overrides_failed()
    {
        Apply(UserCompleted("c", "item_a", "Done."));
        Assert.Empty(Apply(UserFailed("f", "item_a")));

        Assert.Equal([Update(2, "item_b:0", CaptionRole.User, CaptionKind.Failed, "")], Apply(UserFailed("f2", "item_b")));
        Assert.Equal([Update(3, "item_b:0", CaptionRole.User, CaptionKind.Final, "Late.")], Apply(UserCompleted("c2", "item_b", "Late.")));
    }

    [Fact]
    public void A_repeated_event_id_is_ignored_and_counted()
    {
        var first = _captions.Apply([UserDelta("e1", "item_a", "Hi"), AssistantDelta("e2", "item_b", "Yo")], T0);
        var again = _captions.Apply([UserDelta("e1", "item_a", "Hi"), AssistantDelta("e2", "item_b", "Yo"), UserDelta("e3", "item_a", "!")], T0);

        Assert.Equal((2, 0, 2), (first.Accepted, first.Duplicates, first.Updates.Count));
        Assert.Equal((1, 2), (again.Accepted, again.Duplicates));
        Assert.Equal([Update(3, "item_a:0", CaptionRole.User, CaptionKind.Partial, "Hi!")], again.Updates);
        Assert.Equal(3, _captions.EventCount);
    }

    [Fact]
    public void Unknown_and_error_events_change_nothing_but_are_counted()
    {
        var result = _captions.Apply([Ignored("s1"), Error("x1"), Ignored("s1")], T0);

        Assert.Equal((2, 1, 0), (result.Accepted, result.Duplicates, result.Updates.Count));
        Assert.Equal((0, 2, 0L), (_captions.SegmentCount, _captions.EventCount, _captions.LastSeq));
        Assert.False(result.SettledChanged);
    }

    [Fact]
    public void Output_transcripts_and_texts_are_assistant_segments_keyed_by_item_and_content_index()
    {
        var updates = Apply(
            AssistantDelta("a1", "item_r", "Sure", index: 0),
            AssistantDelta("a2", "item_r", "{", index: 1),
            AssistantDone("a3", "item_r", "Sure thing.", index: 0),
            AssistantDone("a4", "item_r", "{}", index: 1));

        Assert.Equal(["item_r:0", "item_r:1", "item_r:0", "item_r:1"], updates.Select(u => u.SegmentId));
        Assert.All(updates, u => Assert.Equal(CaptionRole.Assistant, u.Role));
        Assert.Equal(["Sure thing.", "{}"], _captions.Segments().Select(s => s.Text));
    }

    [Fact]
    public void Speech_timings_that_arrive_first_are_put_on_the_segment_when_it_appears()
    {
        Assert.Empty(Apply(SpeechStarted("s1", "item_a", 1200), SpeechStopped("s2", "item_a", 3400)));

        Assert.Equal([Update(1, "item_a:0", CaptionRole.User, CaptionKind.Partial, "Hi", 1200, 3400)], Apply(UserDelta("d", "item_a", "Hi")));
    }

    [Fact]
    public void A_timing_change_of_an_existing_segment_is_an_update_and_the_same_timing_is_not()
    {
        Apply(UserCompleted("c", "item_a", "Hi."));

        var changed = _captions.Apply([SpeechStarted("s1", "item_a", 500)], T0);
        Assert.Equal([Update(2, "item_a:0", CaptionRole.User, CaptionKind.Final, "Hi.", 500)], changed.Updates);
        Assert.True(changed.SettledChanged);

        Assert.Empty(Apply(SpeechStarted("s2", "item_a", 500)));
        Assert.Equal([Update(3, "item_a:0", CaptionRole.User, CaptionKind.Final, "Hi.", 500, 900)], Apply(SpeechStopped("s3", "item_a", 900)));
    }

    [Fact]
    public void Timings_go_to_every_user_segment_of_their_item_and_never_to_assistant_segments()
    {
        Apply(UserDelta("d0", "item_a", "x", index: 0), UserDelta("d1", "item_a", "y", index: 1), AssistantDelta("r", "item_b", "z"));

        var updates = Apply(SpeechStarted("s1", "item_a", 10), SpeechStarted("s2", "item_b", 20), SpeechStarted("s3", "item", 30));

        Assert.Equal(["item_a:0", "item_a:1"], updates.Select(u => u.SegmentId));
        Assert.Null(_captions.Segments().Single(s => s.SegmentId == "item_b:0").StartMs);
        // A later content part of an item takes the item's timing.
        Assert.Equal(10, Apply(UserDelta("d2", "item_a", "w", index: 2)).Single().StartMs);
    }

    [Fact]
    public void Seqs_strictly_increase_from_the_floor()
    {
        var captions = new CaptionAggregator("ses_1", lastSeq: 4000);

        var updates = captions.Apply([UserDelta("a", "i", "1"), UserDelta("b", "i", "2"), AssistantDone("c", "j", "x")], T0).Updates;

        Assert.Equal([4001L, 4002L, 4003L], updates.Select(u => u.Seq));
        Assert.Equal(4003, captions.LastSeq);
    }

    [Fact]
    public void Catch_up_holds_the_latest_update_of_each_segment_changed_after_in_seq_order()
    {
        Apply(UserDelta("1", "a", "x"), UserDelta("2", "b", "y"), UserDelta("3", "a", "x2"), UserCompleted("4", "b", "Y."),
            AssistantDelta("5", "c", "z"), UserDelta("6", "a", "x3"));

        Assert.Equal(
        [
            Update(4, "b:0", CaptionRole.User, CaptionKind.Final, "Y."),
            Update(5, "c:0", CaptionRole.Assistant, CaptionKind.Partial, "z"),
            Update(6, "a:0", CaptionRole.User, CaptionKind.Partial, "xx2x3"),
        ], _captions.UpdatesAfter(0));
        Assert.Equal(["c:0", "a:0"], _captions.UpdatesAfter(4).Select(u => u.SegmentId));
        Assert.Empty(_captions.UpdatesAfter(6));
    }

    [Fact]
    public void Arrival_times_are_tracked_per_segment_and_for_the_session()
    {
        Assert.Null(_captions.FirstEventAt);
        _captions.Apply([Ignored("x")], T0);
        _captions.Apply([UserDelta("a", "i", "He")], T0.AddSeconds(1));
        _captions.Apply([AssistantDelta("b", "j", "Yo")], T0.AddSeconds(2));
        _captions.Apply([UserCompleted("c", "i", "Hey.")], T0.AddSeconds(3));

        Assert.Equal(T0, _captions.FirstEventAt);
        var segments = _captions.Segments();
        Assert.Equal(["i:0", "j:0"], segments.Select(s => s.SegmentId)); // order of first appearance, not of last change
        Assert.Equal((T0.AddSeconds(1), T0.AddSeconds(3), 3L), (segments[0].FirstSeenAt, segments[0].UpdatedAt, segments[0].Seq));
        Assert.Equal((T0.AddSeconds(2), T0.AddSeconds(2)), (segments[1].FirstSeenAt, segments[1].UpdatedAt));
    }

    [Fact]
    public void Only_settled_segments_are_for_storage_and_a_restore_numbers_above_the_floor()
    {
        Apply(UserCompleted("a", "i", "One."), SpeechStarted("s", "i", 40), UserDelta("b", "j", "par"), UserFailed("c", "k"));
        var settled = _captions.SettledSegments();
        Assert.Equal(["i:0", "k:0"], settled.Select(s => s.SegmentId));

        var restored = CaptionAggregator.Restore("ses_1", seqFloor: 1000, settled, _captions.FirstEventAt, _captions.EventCount);

        Assert.Equal((1000L, 4, 2), (restored.LastSeq, restored.EventCount, restored.SegmentCount));
        Assert.Equal(settled, restored.Segments());
        // A resend after the restart: finals and timings are idempotent; only the lost partial comes back, above the floor.
        var resend = restored.Apply([UserCompleted("a", "i", "One."), SpeechStarted("s", "i", 40), UserDelta("b", "j", "par"), UserFailed("c", "k")], T0);
        Assert.Equal([Update(1001, "j:0", CaptionRole.User, CaptionKind.Partial, "par")], resend.Updates);
        Assert.False(resend.SettledChanged);
    }

    [Fact]
    public void Event_ids_are_remembered_within_a_bounded_window()
    {
        var captions = new CaptionAggregator("ses_1", eventIdMemory: 3);
        captions.Apply([Ignored("e1"), Ignored("e2"), Ignored("e3")], T0);

        Assert.Equal(3, captions.Apply([Ignored("e1"), Ignored("e2"), Ignored("e3")], T0).Duplicates);

        // Two generations of three: after six newer ids the oldest three are forgotten, the newer still known.
        captions.Apply([Ignored("e4"), Ignored("e5"), Ignored("e6"), Ignored("e7"), Ignored("e8"), Ignored("e9")], T0);
        Assert.Equal((3, 3), Counts(captions.Apply([Ignored("e1"), Ignored("e2"), Ignored("e3"), Ignored("e7"), Ignored("e8"), Ignored("e9")], T0)));

        static (int, int) Counts(CaptionApplyResult r) => (r.Accepted, r.Duplicates);
    }

    [Fact]
    public void An_event_lacking_what_its_kind_needs_is_refused_before_anything_changes()
    {
        var bad = new CaptionEvent("e2", CaptionEventKind.UserCompleted, "i", 0, null, null);

        var error = Assert.Throws<ArgumentException>(() => _captions.Apply([UserDelta("e1", "i", "x"), bad], T0));

        Assert.Contains("event 1 has no final text", error.Message);
        Assert.Equal((0, 0L, 0), (_captions.EventCount, _captions.LastSeq, _captions.SegmentCount));
        Assert.Single(Apply(UserDelta("e1", "i", "x"))); // e1 was not remembered either
        Assert.Throws<ArgumentException>(() => _captions.Apply([new CaptionEvent("e3", CaptionEventKind.SpeechStarted, "i", 0, null, null)], T0));
        Assert.Throws<ArgumentException>(() => _captions.Apply([new CaptionEvent("", CaptionEventKind.Ignored, null, 0, null, null)], T0));
        Assert.Throws<ArgumentException>(() => _captions.Apply([new CaptionEvent("e4", CaptionEventKind.UserDelta, null, 0, "x", null)], T0));
    }

    [Fact]
    public void A_diarized_segment_is_a_final_user_segment_with_its_speaker_placed_on_the_items_clock()
    {
        Apply(SpeechStarted("s", "i", 4000), Committed("c", "i", "a0"));

        var updates = Apply(Diarized("d1", "i", "seg_1", "A", "Hi Bob.", 0, 1200), Diarized("d2", "i", "seg_2", "B", "Hi Ann.", 1500, 2600));

        Assert.Equal(
        [
            Update(1, "i:0:seg_1", CaptionRole.User, CaptionKind.Final, "Hi Bob.", 4000, 5200, previous: "a0", speaker: "A"),
            Update(2, "i:0:seg_2", CaptionRole.User, CaptionKind.Final, "Hi Ann.", 5500, 6600, previous: "a0", speaker: "B"),
        ], updates);
        Assert.Equal(["A", "B"], _captions.SettledSegments().Select(s => s.Speaker));
        Assert.Empty(Apply(Diarized("d1-again", "i", "seg_1", "A", "Hi Bob.", 0, 1200)));
    }

    [Fact]
    public void Once_an_item_is_diarized_its_deltas_and_completed_text_start_no_segment_of_their_own()
    {
        Apply(Diarized("d1", "i", "seg_1", "A", "Hi Bob.", 0, 1200));

        Assert.Empty(Apply(UserDelta("e1", "i", "Hi"), UserCompleted("e2", "i", "Hi Bob.")));

        Assert.Equal(["i:0:seg_1"], _captions.Segments().Select(s => s.SegmentId));
    }

    [Fact]
    public void A_user_turn_transcribed_after_the_reply_is_ordered_by_its_previous_item()
    {
        Apply(Committed("c1", "u1", ""), AssistantDone("r1", "a1", "Hello! How can I help?"));
        Apply(UserCompleted("t1", "u1", "Hi there."), Committed("c2", "u2", "a1"));
        Apply(AssistantDone("r2", "a2", "Sure."), UserCompleted("t2", "u2", "Book a table."));

        Assert.Equal(["u1:0", "a1:0", "u2:0", "a2:0"], _captions.Segments().Select(s => s.SegmentId));
        Assert.Equal(["", null, "a1", null], _captions.Segments().Select(s => s.PreviousItemId));
    }

    [Fact]
    public void A_committed_after_its_segment_moves_it_and_tells_the_viewers()
    {
        Apply(AssistantDone("r1", "a1", "Reply."), UserCompleted("t1", "u1", "Question."));

        var updates = Apply(Committed("c1", "u1", ""));

        Assert.Equal([Update(3, "u1:0", CaptionRole.User, CaptionKind.Final, "Question.", previous: "")], updates);
        Assert.Equal(["u1:0", "a1:0"], _captions.Segments().Select(s => s.SegmentId));
        Assert.Empty(Apply(Committed("c1-again", "u1", "")));
    }

    [Fact]
    public void A_transcription_delta_without_text_opens_an_empty_partial()
    {
        var updates = Apply(new CaptionEvent("e1", CaptionEventKind.UserDelta, "i", 0, null, null));

        Assert.Equal([Update(1, "i:0", CaptionRole.User, CaptionKind.Partial, "")], updates);
    }

    [Fact]
    public void A_restore_keeps_speakers_and_conversation_order()
    {
        Apply(AssistantDone("r1", "a1", "Reply."), Committed("c1", "u1", ""), Diarized("d1", "u1", "s1", "A", "Question.", 0, 900));

        var restored = CaptionAggregator.Restore("ses_1", 100, _captions.SettledSegments(), _captions.FirstEventAt, _captions.EventCount);

        Assert.Equal(_captions.Segments(), restored.Segments());
        Assert.Equal(["u1:0:s1", "a1:0"], restored.Segments().Select(s => s.SegmentId));
        Assert.Empty(restored.Apply([UserCompleted("t1", "u1", "Question.")], T0).Updates);
    }
}
