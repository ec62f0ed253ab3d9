using FsCheck.Xunit;
using Realtime.Shared.Captions;
using Realtime.Silo.Sessions.Captions;

namespace Realtime.Silo.Tests.Sessions.Captions;

/// <summary>
/// The aggregation rules against random sessions (<see cref="CaptionScenario"/>): any interleaving of segments,
/// finals before their deltas, failed before or after completed, random resends, random batch cuts.
/// </summary>
[Properties(Arbitrary = [typeof(CaptionScenarios)], MaxTest = 300)]
public sealed class CaptionAggregatorProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Publishes the events in the scenario's batches, one second apart; every update, in order.</summary>
    private static List<CaptionUpdate> Run(CaptionAggregator captions, CaptionScenario scenario, IReadOnlyList<CaptionEvent> events)
    {
        var updates = new List<CaptionUpdate>();
        var now = T0;
        foreach (var batch in scenario.Batches(events))
        {
            updates.AddRange(captions.Apply(batch, now).Updates);
            now = now.AddSeconds(1);
        }

        return updates;
    }

    [Property]
    public void Whatever_the_order_every_segment_ends_final_with_its_completed_text(CaptionScenario scenario)
    {
        var captions = new CaptionAggregator("ses_p");
        Run(captions, scenario, scenario.Stream);

        var segments = captions.Segments().ToDictionary(s => s.SegmentId);
        Assert.Equal(scenario.FinalTexts.Keys.Order(), segments.Keys.Order());
        foreach (var (id, text) in scenario.FinalTexts)
        {
            Assert.Equal((CaptionKind.Final, text), (segments[id].Kind, segments[id].Text));
        }
    }

    [Property]
    public void Seqs_strictly_increase_and_every_update_carries_the_whole_text(CaptionScenario scenario)
    {
        // A model of the rules, fed one event at a time: the text every update must carry.
        var captions = new CaptionAggregator("ses_p");
        var model = new Dictionary<string, (string Kind, string Text)>();
        var seen = new HashSet<string>();
        var lastSeq = 0L;
        foreach (var e in scenario.Stream)
        {
            var updates = captions.Apply([e], T0).Updates;
            if (!seen.Add(e.EventId) || e.ItemId is null)
            {
                Assert.Empty(updates);
                continue;
            }

            if (e.Kind is not (CaptionEventKind.SpeechStarted or CaptionEventKind.SpeechStopped))
            {
                var id = $"{e.ItemId}:{e.ContentIndex}";
                var (kind, text) = model.GetValueOrDefault(id, (CaptionKind.Partial, ""));
                model[id] = e.Kind switch
                {
                    CaptionEventKind.UserDelta or CaptionEventKind.AssistantDelta when kind == CaptionKind.Partial => (kind, text + e.Text),
                    CaptionEventKind.UserCompleted or CaptionEventKind.AssistantDone => (CaptionKind.Final, e.Text!),
                    CaptionEventKind.UserFailed when kind == CaptionKind.Partial => (CaptionKind.Failed, text),
                    _ => (kind, text),
                };
            }

            foreach (var update in updates)
            {
                Assert.True(update.Seq > lastSeq, $"seq {update.Seq} after {lastSeq}");
                lastSeq = update.Seq;
                Assert.Equal(model[update.SegmentId], (update.Kind, update.Text));
            }
        }

        Assert.Equal(lastSeq, captions.LastSeq);
    }

    [Property]
    public void Resends_and_duplicates_change_nothing(CaptionScenario scenario)
    {
        var withResends = new CaptionAggregator("ses_p");
        var without = new CaptionAggregator("ses_p");

        var updates = Run(withResends, scenario, scenario.Stream);
        var expected = Run(without, scenario, scenario.Deduplicated);

        // The same changes (the batch cuts differ, so the times may too: compare what viewers see).
        Assert.Equal(expected, updates);
        Assert.Equal(without.Segments().Select(s => (s.SegmentId, s.Kind, s.Text, s.StartMs, s.EndMs)),
            withResends.Segments().Select(s => (s.SegmentId, s.Kind, s.Text, s.StartMs, s.EndMs)));
        Assert.Equal(scenario.Unique.Count, withResends.EventCount);
    }

    [Property]
    public void Catch_up_after_any_seq_holds_the_latest_of_every_later_change_once(CaptionScenario scenario)
    {
        var captions = new CaptionAggregator("ses_p");
        var log = Run(captions, scenario, scenario.Stream);
        var latest = log.GroupBy(u => u.SegmentId).ToDictionary(g => g.Key, g => g.Last());

        for (var afterSeq = 0L; afterSeq <= captions.LastSeq; afterSeq++)
        {
            var catchUp = captions.UpdatesAfter(afterSeq);

            Assert.Equal(catchUp.Select(u => u.Seq).Order(), catchUp.Select(u => u.Seq));
            Assert.Equal(catchUp.Count, catchUp.Select(u => u.SegmentId).Distinct().Count());
            Assert.Equal(latest.Values.Where(u => u.Seq > afterSeq).OrderBy(u => u.Seq), catchUp);

            // Every final published after afterSeq is there, as that final or a later one.
            foreach (var final in log.Where(u => u.Seq > afterSeq && u.IsFinal))
            {
                Assert.Contains(catchUp, u => u.SegmentId == final.SegmentId && u.Seq >= final.Seq && u.IsFinal);
            }
        }
    }

    [Property]
    public void Replaying_the_whole_stream_changes_nothing_also_after_a_restart(CaptionScenario scenario)
    {
        var captions = new CaptionAggregator("ses_p");
        Run(captions, scenario, scenario.Stream);
        var before = captions.Segments();
        var lastSeq = captions.LastSeq;

        var replay = captions.Apply(scenario.Stream, T0.AddHours(1));
        Assert.Empty(replay.Updates);
        Assert.Equal((0, scenario.Stream.Count), (replay.Accepted, replay.Duplicates));
        Assert.Equal(before, captions.Segments());
        Assert.Equal(lastSeq, captions.LastSeq);

        // A new activation has forgotten the ids, yet a full resend changes no final: they are idempotent.
        var restored = CaptionAggregator.Restore("ses_p", lastSeq + 1000, captions.SettledSegments(), captions.FirstEventAt, captions.EventCount);
        Assert.Empty(Run(restored, scenario, scenario.Stream));
        Assert.Equal(before, restored.Segments());
    }
}
