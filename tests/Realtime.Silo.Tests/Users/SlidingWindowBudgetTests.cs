using Realtime.Shared.Users;
using Realtime.Silo.Users;

namespace Realtime.Silo.Tests.Users;

/// <summary>The window arithmetic alone: no cluster, times given explicitly.</summary>
public sealed class SlidingWindowBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserLimits Limits = new(PerMinute: 3, PerHour: 5, ConcurrentSessions: 2);

    private static DateTimeOffset Ago(double seconds) => Now - TimeSpan.FromSeconds(seconds);

    private static DateTimeOffset In(double seconds) => Now + TimeSpan.FromSeconds(seconds);

    private static SlidingWindowBudget Budget(DateTimeOffset[]? grants = null, DateTimeOffset[]? sessions = null) =>
        new(Now, grants ?? [], sessions ?? []);

    [Fact]
    public void An_empty_budget_allows()
    {
        Assert.True(Budget().Decide(Limits).Allowed);
    }

    [Fact]
    public void A_full_minute_refuses_until_its_oldest_entry_is_a_minute_old()
    {
        var decision = Budget(grants: [Ago(10), Ago(45), Ago(20)]).Decide(Limits);

        Assert.Equal(BudgetDecision.Refuse(LimitName.PerMinute, TimeSpan.FromSeconds(15)), decision);
    }

    [Fact]
    public void An_entry_exactly_a_window_old_no_longer_counts()
    {
        var budget = Budget(grants: [Ago(60), Ago(3600), Ago(59.999)]);

        Assert.Equal((1, 2), (budget.LastMinute, budget.LastHour));
    }

    [Fact]
    public void A_grant_counts_from_the_next_whole_second_so_never_less_than_a_window()
    {
        // Reserved at 11:59:00.1 and 11:59:00.9: both counted from 11:59:01, so until 12:00:01.
        var grants = new[] { Ago(59.9), Ago(59.1) };

        Assert.Equal(2, new SlidingWindowBudget(Now.AddSeconds(0.999), grants, []).LastMinute);
        Assert.Equal(0, new SlidingWindowBudget(Now.AddSeconds(1), grants, []).LastMinute);
        Assert.Equal(1, Budget(grants: [Ago(60).AddTicks(1)]).LastMinute);
    }

    [Fact]
    public void Grants_count_in_the_windows_they_fall_in_and_sessions_apart()
    {
        var budget = Budget(grants: [Ago(30), Ago(1), Ago(90)], sessions: [In(100)]);

        Assert.Equal((2, 3, 1), (budget.LastMinute, budget.LastHour, budget.OpenSessions));
        Assert.Equal(BudgetDecision.Allow, budget.Decide(Limits));
        Assert.Equal(LimitName.PerMinute, Budget(grants: [Ago(30), Ago(1), Ago(2)]).Decide(Limits).RefusedBy);
    }

    [Fact]
    public void The_hour_is_checked_after_the_minute()
    {
        var grants = new[] { Ago(3000), Ago(2000), Ago(1000), Ago(500), Ago(30) };

        var decision = Budget(grants).Decide(Limits);

        Assert.Equal(BudgetDecision.Refuse(LimitName.PerHour, TimeSpan.FromSeconds(600)), decision);
    }

    [Fact]
    public void Both_windows_full_names_the_minute()
    {
        var grants = new[] { Ago(3000), Ago(2000), Ago(30), Ago(20), Ago(10) };

        Assert.Equal(LimitName.PerMinute, Budget(grants).Decide(Limits).RefusedBy);
    }

    [Fact]
    public void Retry_after_rounds_up_to_whole_seconds_and_is_at_least_one()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Budget(grants: [Ago(59.5), Ago(1), Ago(2)]).Decide(Limits).RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), Budget(grants: [Ago(58.5), Ago(1), Ago(2)]).Decide(Limits).RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), SlidingWindowBudget.RoundUp(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), SlidingWindowBudget.RoundUp(TimeSpan.FromSeconds(-3)));
        Assert.Equal(TimeSpan.FromSeconds(60), SlidingWindowBudget.RoundUp(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void A_lowered_limit_waits_for_enough_entries_to_leave()
    {
        var grants = new[] { Ago(50), Ago(40), Ago(30), Ago(20) };

        // Four counted against a limit of two: three must leave, the third oldest leaves in 30 s.
        var decision = Budget(grants).Decide(Limits with { PerMinute = 2, PerHour = 100 });

        Assert.Equal(BudgetDecision.Refuse(LimitName.PerMinute, TimeSpan.FromSeconds(30)), decision);
    }

    [Fact]
    public void The_session_cap_waits_for_the_earliest_secret_expiry()
    {
        var decision = Budget(sessions: [In(250), In(120.2)]).Decide(Limits);

        Assert.Equal(BudgetDecision.Refuse(LimitName.ConcurrentSessions, TimeSpan.FromSeconds(121)), decision);
    }

    [Fact]
    public void The_session_cap_counts_every_open_session_not_grants()
    {
        Assert.True(Budget(grants: [Ago(1), Ago(2)], sessions: [In(30)]).Decide(Limits).Allowed);

        var decision = Budget(grants: [Ago(1)], sessions: [In(30), In(300)]).Decide(Limits);

        Assert.Equal(BudgetDecision.Refuse(LimitName.ConcurrentSessions, TimeSpan.FromSeconds(30)), decision);
    }

    [Fact]
    public void The_session_cap_falls_back_when_the_earliest_expiry_has_passed()
    {
        var decision = Budget(sessions: [Ago(10), In(400)]).Decide(Limits);

        Assert.Equal(BudgetDecision.Refuse(LimitName.ConcurrentSessions, SlidingWindowBudget.SessionCapFallbackRetry), decision);
        Assert.Equal(TimeSpan.FromSeconds(5), SlidingWindowBudget.SessionCapFallbackRetry);
    }

    [Fact]
    public void Below_every_limit_allows()
    {
        var budget = Budget(grants: [Ago(10), Ago(3000), Ago(1)], sessions: []);

        Assert.Equal(BudgetDecision.Allow, budget.Decide(Limits));
    }
}
