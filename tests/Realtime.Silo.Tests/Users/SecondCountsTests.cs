using Realtime.Silo.Users;

namespace Realtime.Silo.Tests.Users;

public sealed class SecondCountsTests
{
    [Fact]
    public void Counts_keep_one_entry_per_second_whatever_the_order_they_come_in()
    {
        var counts = new Dictionary<long, int>();
        foreach (var second in new long[] { 10, 12, 10, 11, 12, 12, 9 }) counts.AddOne(second);

        Assert.Equal(new Dictionary<long, int> { [9] = 1, [10] = 2, [11] = 1, [12] = 3 }, counts);
        Assert.Equal(7, counts.Total());
    }

    [Fact]
    public void Removing_one_empties_an_entry_and_never_goes_below_zero()
    {
        var counts = new Dictionary<long, int> { [10] = 1, [11] = 2 };

        Assert.True(counts.RemoveOne(10));
        Assert.False(counts.RemoveOne(10));
        Assert.True(counts.RemoveOne(11));
        Assert.False(counts.RemoveOne(12));

        Assert.Equal(new Dictionary<long, int> { [11] = 1 }, counts);
    }

    [Fact]
    public void Removing_through_a_second_takes_every_count_up_to_it_and_answers_how_many()
    {
        var counts = new Dictionary<long, int> { [13] = 1, [10] = 2, [11] = 3 };

        Assert.Equal(5, counts.RemoveThrough(12));
        Assert.Equal(0, counts.RemoveThrough(12));

        Assert.Equal(new Dictionary<long, int> { [13] = 1 }, counts);
    }

    [Fact]
    public void A_moment_counts_at_the_whole_second_at_or_after_it()
    {
        var second = DateTimeOffset.UnixEpoch.AddSeconds(100);

        Assert.Equal(100, SecondCounts.SecondOf(second));
        Assert.Equal(101, SecondCounts.SecondOf(second.AddTicks(1)));
        Assert.Equal(100, SecondCounts.SecondAtOrBefore(second.AddTicks(TimeSpan.TicksPerSecond - 1)));
        Assert.Equal(second, SecondCounts.TimeOf(100));
    }

    [Fact]
    public void Many_counts_in_few_seconds_stay_as_few_entries()
    {
        var counts = new Dictionary<long, int>();
        for (var i = 0; i < 10_000; i++) counts.AddOne(600 + i / 1000);

        Assert.Equal(10, counts.Count);
        Assert.Equal(10_000, counts.Total());
    }
}
