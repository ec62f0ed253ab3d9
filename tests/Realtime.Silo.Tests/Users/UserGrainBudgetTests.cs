using Realtime.Shared.Sessions;
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
        var refused = answers.Where(a => !a.Granted).ToList();
        Assert.Equal(40, refused.Count);
        Assert.All(refused, r => Assert.Equal(LimitName.PerMinute, r.RefusedBy));
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(60), r.RetryAfter));
        Assert.Equal(new UserUsage(10, 10, 10), await user.Usage());
    }

    [Fact]
    public async Task A_released_reservation_gives_its_unit_and_slot_back_and_withdraws_its_session()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 2, PerHour: 100, ConcurrentSessions: 10);
        var first = user.NewGrant(Ttl);
        var reservedAt = (await user.Grain.Reserve(limits, first)).ReservedAt;
        var second = user.NewGrant(Ttl);
        var secondReservedAt = (await user.Grain.Reserve(limits, second)).ReservedAt;
        Assert.False((await user.Reserve(limits)).Granted);

        await user.Grain.Release(first, reservedAt);
        await user.Grain.Release(user.NewGrant(Ttl), reservedAt); // a session never issued gives nothing back

        Assert.Equal(new UserUsage(1, 1, 1), await user.Usage());
        Assert.Null(await fixture.Client.GetGrain<ISessionGrain>(first.SessionId).GetSnapshot());
        Assert.True((await user.Reserve(limits)).Granted);
        Assert.Equal(LimitName.PerMinute, (await user.Reserve(limits)).RefusedBy);
        await user.Grain.Release(second, secondReservedAt);
    }

    [Fact]
    public async Task Releasing_twice_gives_back_once()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 5, PerHour: 100, ConcurrentSessions: 10);
        await user.Mint(limits, Ttl);
        var grant = user.NewGrant(Ttl);
        var reservedAt = (await user.Grain.Reserve(limits, grant)).ReservedAt;

        await user.Grain.Release(grant, reservedAt);
        await user.Grain.Release(grant, reservedAt);

        Assert.Equal(new UserUsage(1, 1, 1), await user.Usage());
    }

    [Fact]
    public async Task A_release_after_a_reactivation_still_gives_the_unit_back()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 1, PerHour: 100, ConcurrentSessions: 10);
        var grant = user.NewGrant(Ttl);
        var reservedAt = (await user.Grain.Reserve(limits, grant)).ReservedAt;

        await fixture.Cluster.DeactivateAsync(user.Grain);
        await user.Grain.Release(grant, reservedAt);

        Assert.Equal(new UserUsage(0, 0, 0), await user.Usage());
        Assert.True((await user.Reserve(limits)).Granted);
    }

    [Fact]
    public async Task A_reservation_never_released_stays_spent_and_its_slot_frees_at_its_planned_expiry()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 1, PerHour: 100, ConcurrentSessions: 10);
        // The api node dies while upstream mints the secret: maybe it was minted, so the unit counts.
        await user.Mint(limits, TimeSpan.FromSeconds(90));

        fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(new UserUsage(1, 1, 1), await user.Usage());
        Assert.Equal(LimitName.PerMinute, (await user.Reserve(limits)).RefusedBy);

        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(new UserUsage(0, 1, 0), await user.Usage());
    }

    [Fact]
    public async Task Reserving_the_same_session_twice_spends_once()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 5, PerHour: 100, ConcurrentSessions: 10);
        var grant = user.NewGrant(Ttl);

        Assert.True((await user.Grain.Reserve(limits, grant)).Granted);
        Assert.True((await user.Grain.Reserve(limits, grant)).Granted);

        Assert.Equal(new UserUsage(1, 1, 1), await user.Usage());
    }

    [Fact]
    public async Task Moving_the_expiry_moves_the_sessions_slot_and_record()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 5, PerHour: 100, ConcurrentSessions: 1);
        var planned = await user.Mint(limits, TimeSpan.FromSeconds(60));
        var expiresAt = planned.ExpiresAt + TimeSpan.FromSeconds(30);

        await user.Grain.MoveExpiry(planned, expiresAt);

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, (await user.Usage()).OpenSessions);
        Assert.Equal(Reservation.Refuse(LimitName.ConcurrentSessions, TimeSpan.FromSeconds(29)), await user.Reserve(limits));
        fixture.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, (await user.Usage()).OpenSessions);
        var snapshot = await fixture.Client.GetGrain<ISessionGrain>(planned.SessionId).GetSnapshot();
        Assert.Equal((SessionState.Expired, expiresAt), (snapshot?.State, snapshot?.ExpiresAt));
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
        Assert.Equal(new UserUsage(LastMinute: 1, LastHour: 3, OpenSessions: 3), await user.Usage());
        Assert.Equal(Reservation.Refuse(LimitName.PerHour, TimeSpan.FromSeconds(3600 - 61)), await user.Reserve(limits));

        // An hour after the third grant, everything has left both windows.
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var usage = await user.Usage();
        Assert.Equal((0, 0), (usage.LastMinute, usage.LastHour));
        Assert.True((await user.Reserve(limits)).Granted);
        Assert.True((await user.Reserve(limits)).Granted);
    }

    [Fact]
    public async Task Spent_grants_survive_a_reactivation()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 1, PerHour: 100, ConcurrentSessions: 10);
        await user.Mint(limits, Ttl);

        await fixture.Cluster.DeactivateAsync(user.Grain);

        Assert.Equal(new UserUsage(1, 1, 1), await user.Usage());
        Assert.Equal(LimitName.PerMinute, (await user.Reserve(limits)).RefusedBy);
    }
}
