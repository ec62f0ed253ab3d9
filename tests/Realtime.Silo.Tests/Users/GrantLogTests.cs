using Realtime.Silo.Users;

namespace Realtime.Silo.Tests.Users;

public sealed class GrantLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = SlidingWindowBudget.Minute;
    private static readonly TimeSpan Hour = SlidingWindowBudget.Hour;

    [Fact]
    public void Grants_in_one_second_share_one_run_counted_from_the_next_whole_second()
    {
        var log = new GrantLog();
        for (var i = 0; i < 1000; i++) log.Add(Now.AddMilliseconds(100 + i % 900));

        var run = Assert.Single(log.Runs);
        Assert.Equal(new SecondRun(Now.AddSeconds(1).ToUnixTimeSeconds(), 1000), run);
        // Counted until a minute after 12:00:01, never less than a minute after the grants.
        Assert.Equal(1000, log.CountWithin(Now.AddSeconds(60.999), Minute, Hour));
        Assert.Equal(0, log.CountWithin(Now.AddSeconds(61), Minute, Hour));
    }

    [Fact]
    public void A_grant_at_a_whole_second_counts_exactly_a_window()
    {
        var log = new GrantLog();
        log.Add(Now);

        Assert.Equal(1, log.CountWithin(Now.AddSeconds(59.999), Minute, Hour));
        Assert.Equal(0, log.CountWithin(Now.AddSeconds(60), Minute, Hour));
        Assert.Equal(1, log.CountWithin(Now.AddSeconds(3599), Hour, Hour));
    }

    [Fact]
    public void Late_commits_are_inserted_in_order_and_pruning_drops_only_what_left_the_hour()
    {
        var log = new GrantLog();
        log.Add(Now.AddSeconds(10));
        log.Add(Now);
        log.Add(Now.AddSeconds(5));
        log.Add(Now.AddSeconds(10));

        Assert.Equal([0L, 5, 10], log.Runs.Select(r => r.Second - Now.ToUnixTimeSeconds()));
        Assert.Equal(4, log.Total);

        log.Prune(Now.AddSeconds(3605), Hour);

        Assert.Equal([10L], log.Runs.Select(r => r.Second - Now.ToUnixTimeSeconds()));
        Assert.Equal(2, log.Total);
        Assert.Equal(2, log.CountWithin(Now.AddSeconds(3605), Hour, Hour));
    }

    [Fact]
    public void The_runs_are_bounded_by_the_seconds_of_the_hour()
    {
        var log = new GrantLog();
        for (var i = 0; i < 4 * 3600; i++)
        {
            var at = Now.AddSeconds(i / 2.0);
            log.Add(at);
            log.Prune(at, Hour);
        }

        Assert.InRange(log.Runs.Count, 3599, 3601);
        Assert.Equal(log.Runs.Sum(r => r.Count), log.Total);
    }
}
