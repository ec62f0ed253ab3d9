using Realtime.Shared.Users;
using Realtime.Silo.Tests.Cluster;

namespace Realtime.Silo.Tests.Users;

[Collection(ClusterCollection.Name)]
public sealed class UserGrainBudgetTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Fifty_concurrent_reserves_grant_exactly_per_minute()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 10, PerHour: 100, ConcurrentSessions: 100);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => user.Reserve(limits)));

        Assert.Equal(10, answers.Count(a => a.Granted));
        Assert.Equal(10, answers.Where(a => a.Granted).Select(a => a.Id).Distinct().Count());
        var refused = answers.Where(a => !a.Granted).ToList();
        Assert.Equal(40, refused.Count);
        Assert.All(refused, r => Assert.Equal(LimitName.PerMinute, r.RefusedBy));
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(60), r.RetryAfter));
        Assert.Equal(new UserUsage(10, 10, 10, 10), await user.Usage());
    }

    [Fact]
    public async Task A_released_reservation_gives_its_unit_back()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 2, PerHour: 100, ConcurrentSessions: 10);
        var first = await user.Reserve(limits);
        var second = await user.Reserve(limits);
        Assert.False((await user.Reserve(limits)).Granted);

        await user.Grain.Release(first.Id);
        await user.Grain.Release(Guid.NewGuid()); // unknown ids are ignored

        Assert.Equal(new UserUsage(1, 1, 1, 1), await user.Usage());
        Assert.True((await user.Reserve(limits)).Granted);
        Assert.Equal(LimitName.PerMinute, (await user.Reserve(limits)).RefusedBy);
        await user.Grain.Release(second.Id);
    }

    [Fact]
    public async Task A_commit_spends_its_unit_and_a_later_release_does_not_refund_it()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 1, PerHour: 100, ConcurrentSessions: 10);
        var reservation = await user.Reserve(limits);

        await user.Grain.Commit(reservation.Id, user.NewGrant(Ttl));
        await user.Grain.Release(reservation.Id);

        Assert.Equal(new UserUsage(LastMinute: 1, LastHour: 1, OpenSessions: 1, PendingReservations: 0), await user.Usage());
        Assert.Equal(LimitName.PerMinute, (await user.Reserve(limits)).RefusedBy);
    }

    [Fact]
    public async Task A_commit_with_an_unknown_reservation_is_still_spent()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 1, PerHour: 100, ConcurrentSessions: 10);

        // As after a reactivation between reserve and commit: upstream minted the secret all the same.
        await user.Grain.Commit(Guid.NewGuid(), user.NewGrant(Ttl));

        Assert.Equal(LimitName.PerMinute, (await user.Reserve(limits)).RefusedBy);
    }

    [Fact]
    public async Task Committing_the_same_session_twice_spends_once()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 5, PerHour: 100, ConcurrentSessions: 10);
        var reservation = await user.Reserve(limits);
        var grant = user.NewGrant(Ttl);

        await user.Grain.Commit(reservation.Id, grant);
        await user.Grain.Commit(reservation.Id, grant);

        Assert.Equal(new UserUsage(1, 1, 1, 0), await user.Usage());
    }

    [Fact]
    public async Task Minute_and_hour_windows_slide_with_exact_retry_after()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 2, PerHour: 3, ConcurrentSessions: 10);
        await user.Mint(limits, Ttl);
        await user.Mint(limits, Ttl);
        Assert.Equal(Reservation.Refuse(LimitName.PerMinute, TimeSpan.FromSeconds(60)), await user.Reserve(limits));

        fixture.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(Reservation.Refuse(LimitName.PerMinute, TimeSpan.FromSeconds(40)), await user.Reserve(limits));

        // 61 s after the first two: the minute has room again, the hour still counts them.
        fixture.Clock.Advance(TimeSpan.FromSeconds(41));
        await user.Mint(limits, Ttl);
        Assert.Equal(new UserUsage(LastMinute: 1, LastHour: 3, OpenSessions: 3, PendingReservations: 0), await user.Usage());
        Assert.Equal(Reservation.Refuse(LimitName.PerHour, TimeSpan.FromSeconds(3600 - 61)), await user.Reserve(limits));

        // An hour after the third grant, everything has left both windows.
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var usage = await user.Usage();
        Assert.Equal((0, 0), (usage.LastMinute, usage.LastHour));
        Assert.True((await user.Reserve(limits)).Granted);
        Assert.True((await user.Reserve(limits)).Granted);
    }

    [Fact]
    public async Task An_abandoned_reservation_stops_counting_after_two_minutes()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 1, PerHour: 100, ConcurrentSessions: 10);
        Assert.True((await user.Reserve(limits)).Granted); // the api crashes: no commit, no release

        fixture.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(LimitName.PerMinute, (await user.Reserve(limits)).RefusedBy);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await user.Reserve(limits)).Granted);
    }

    [Fact]
    public async Task Committed_grants_survive_a_reactivation()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 1, PerHour: 100, ConcurrentSessions: 10);
        await user.Mint(limits, Ttl);

        await fixture.Cluster.DeactivateAsync(user.Grain);

        Assert.Equal(new UserUsage(1, 1, 1, 0), await user.Usage());
        Assert.Equal(LimitName.PerMinute, (await user.Reserve(limits)).RefusedBy);
    }
}
