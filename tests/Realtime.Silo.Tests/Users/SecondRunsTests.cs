using Realtime.Silo.Users;

namespace Realtime.Silo.Tests.Users;

public sealed class SecondRunsTests
{
    [Fact]
    public void Counts_keep_one_run_per_second_in_ascending_order_whatever_the_order_they_come_in()
    {
        var runs = new SecondRuns();
        foreach (var second in new long[] { 10, 12, 10, 11, 12, 12, 9 }) runs.Add(second);

        Assert.Equal([new(9, 1), new(10, 2), new(11, 1), new(12, 3)], runs.Runs);
        Assert.Equal((7, 9L), (runs.Total, runs.FirstSecond));
    }

    [Fact]
    public void Removing_one_empties_a_run_and_never_goes_below_zero()
    {
        var runs = new SecondRuns([new(10, 1), new(11, 2)]);

        Assert.True(runs.RemoveOne(10));
        Assert.False(runs.RemoveOne(10));
        Assert.True(runs.RemoveOne(11));
        Assert.False(runs.RemoveOne(12));

        Assert.Equal([new SecondRun(11, 1)], runs.Runs);
        Assert.Equal(1, runs.Total);
    }

    [Fact]
    public void Dropping_takes_the_runs_up_to_a_second_and_answers_their_count()
    {
        var runs = new SecondRuns([new(10, 2), new(11, 3), new(13, 1)]);

        Assert.Equal(5, runs.DropThrough(12));
        Assert.Equal(0, runs.DropThrough(12));

        Assert.Equal([new SecondRun(13, 1)], runs.Runs);
        Assert.Equal(1, runs.Total);
    }

    [Fact]
    public void A_moment_counts_at_the_whole_second_at_or_after_it()
    {
        var second = DateTimeOffset.UnixEpoch.AddSeconds(100);

        Assert.Equal(100, SecondRuns.SecondOf(second));
        Assert.Equal(101, SecondRuns.SecondOf(second.AddTicks(1)));
        Assert.Equal(second, SecondRuns.TimeOf(100));
    }
}
