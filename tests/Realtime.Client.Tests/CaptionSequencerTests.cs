using Realtime.Client.Viewing;
using Realtime.Client.Wire;

namespace Realtime.Client.Tests;

public sealed class CaptionSequencerTests
{
    private static Caption C(long seq, string segment = "item_1:0", string kind = "partial") =>
        new("ses_1", seq, segment, "user", kind, $"text {seq}");

    private static long[] Seqs(IEnumerable<Caption> captions) => [.. captions.Select(c => c.Seq)];

    [Fact]
    public void Captions_arriving_during_a_watch_wait_for_its_answer_and_overlap_drops_out()
    {
        var sequencer = new CaptionSequencer(afterSeq: 0);
        sequencer.BeginWatch();

        Assert.Empty(sequencer.OnCaption(C(5)));
        Assert.Empty(sequencer.OnCaption(C(6)));
        var applied = sequencer.CompleteWatch(new WatchAnswer("live", 5, [C(2, "a"), C(5, "b")]));

        Assert.Equal([2, 5, 6], Seqs(applied));
        Assert.Equal(6, sequencer.LastApplied);
    }

    [Fact]
    public void After_the_answer_captions_apply_at_once_and_repeats_are_dropped()
    {
        var sequencer = new CaptionSequencer(afterSeq: 0);
        sequencer.BeginWatch();
        sequencer.CompleteWatch(new WatchAnswer("live", 3, [C(3)]));

        Assert.Equal([4], Seqs(sequencer.OnCaption(C(4))));
        Assert.Empty(sequencer.OnCaption(C(4)));
        Assert.Empty(sequencer.OnCaption(C(2)));
    }

    [Fact]
    public void Held_captions_are_applied_in_seq_order_whatever_order_they_came_in()
    {
        var sequencer = new CaptionSequencer(afterSeq: 10);
        sequencer.BeginWatch();
        sequencer.OnCaption(C(14));
        sequencer.OnCaption(C(12));
        sequencer.OnCaption(C(13));

        var applied = sequencer.CompleteWatch(new WatchAnswer("live", 11, [C(11)]));

        Assert.Equal([11, 12, 13, 14], Seqs(applied));
    }

    [Fact]
    public void A_resumed_watch_skips_what_was_already_applied()
    {
        var sequencer = new CaptionSequencer(afterSeq: 0);
        sequencer.BeginWatch();
        sequencer.CompleteWatch(new WatchAnswer("live", 4, [C(3, "a", "final"), C(4, "b")]));

        // Reconnected: watch again from 4; the node answers generously (a final at 3 again, and the newer 6).
        sequencer.BeginWatch();
        var applied = sequencer.CompleteWatch(new WatchAnswer("live", 6, [C(3, "a", "final"), C(6, "b", "final")]));

        Assert.Equal([6], Seqs(applied));
    }

    [Fact]
    public void The_starting_seq_is_respected()
    {
        var sequencer = new CaptionSequencer(afterSeq: 7);

        Assert.Empty(sequencer.OnCaption(C(7)));
        Assert.Equal([8], Seqs(sequencer.OnCaption(C(8))));
    }
}
