using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Tests.Cluster;

namespace Realtime.Silo.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    // A session minted through its owner's user grain, as the api does: its record is issued, its grain not activated.
    private async Task<(ISessionGrain Session, DateTimeOffset ExpiresAt)> Minted(TimeSpan ttl)
    {
        var session = await new UserScenario(fixture).Session(ttl);
        return (session, fixture.Clock.GetUtcNow() + ttl);
    }

    [Fact]
    public async Task A_session_never_issued_has_no_snapshot()
    {
        var session = fixture.Client.GetGrain<ISessionGrain>(TestKeys.Session());

        Assert.Null(await session.GetSnapshot());
        Assert.Null(await session.End());
    }

    [Fact]
    public async Task A_repeated_reservation_issues_the_session_once()
    {
        var user = new UserScenario(fixture);
        var limits = new UserLimits(PerMinute: 5, PerHour: 100, ConcurrentSessions: 10);
        var grant = user.NewGrant(TimeSpan.FromMinutes(5));
        var issuedAt = fixture.Clock.GetUtcNow();

        Assert.True((await user.Grain.Reserve(limits, grant)).Granted);
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True((await user.Grain.Reserve(limits, grant)).Granted);

        var snapshot = await fixture.Client.GetGrain<ISessionGrain>(grant.SessionId).GetSnapshot();
        Assert.Equal((SessionState.Issued, issuedAt), (snapshot?.State, snapshot?.IssuedAt));
        Assert.Equal(1, (await user.Usage()).OpenSessions);
    }

    [Fact]
    public async Task A_snapshot_after_the_secret_expired_says_expired()
    {
        var (session, expiresAt) = await Minted(TimeSpan.FromSeconds(30));

        fixture.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(SessionState.Issued, (await session.GetSnapshot())?.State);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var snapshot = await session.GetSnapshot();
        Assert.Equal((SessionState.Expired, expiresAt), (snapshot?.State, snapshot?.EndedAt));
    }

    [Fact]
    public async Task Ending_is_final_and_ending_again_changes_nothing()
    {
        var (session, _) = await Minted(TimeSpan.FromMinutes(5));
        var endedAt = fixture.Clock.GetUtcNow();

        Assert.Equal(SessionState.Ended, (await session.End())?.State);
        fixture.Clock.Advance(TimeSpan.FromMinutes(10)); // past the secret's expiry: an ended session stays ended

        var again = await session.End();
        Assert.Equal((SessionState.Ended, endedAt), (again?.State, again?.EndedAt));
    }

    [Fact]
    public async Task Ending_an_expired_session_changes_nothing()
    {
        var (session, expiresAt) = await Minted(TimeSpan.FromSeconds(10));
        fixture.Clock.Advance(TimeSpan.FromSeconds(11));

        var snapshot = await session.End();

        Assert.Equal((SessionState.Expired, expiresAt), (snapshot?.State, snapshot?.EndedAt));
    }

    [Fact]
    public async Task A_session_first_touched_after_its_secret_expired_is_expired()
    {
        // Nothing activated the session grain while the secret lived: the issued record alone is in storage.
        var (session, expiresAt) = await Minted(TimeSpan.FromSeconds(30));
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));

        var snapshot = await session.GetSnapshot();
        Assert.Equal((SessionState.Expired, expiresAt), (snapshot?.State, snapshot?.EndedAt));
    }

    [Fact]
    public async Task A_session_expires_on_reactivation_when_its_timer_was_lost()
    {
        var (session, expiresAt) = await Minted(TimeSpan.FromSeconds(30));
        Assert.Equal(SessionState.Issued, (await session.GetSnapshot())?.State); // active now, with its timer

        // A deactivation (or a silo restart) takes the timer with it; the state is in storage.
        await fixture.Cluster.DeactivateAsync(session);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));

        var snapshot = await session.GetSnapshot();
        Assert.Equal((SessionState.Expired, expiresAt), (snapshot?.State, snapshot?.EndedAt));
    }
}
