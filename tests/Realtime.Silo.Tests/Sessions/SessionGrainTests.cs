using Realtime.Shared.Sessions;
using Realtime.Silo.Tests.Cluster;

namespace Realtime.Silo.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    private ISessionGrain NewSession() => fixture.Client.GetGrain<ISessionGrain>(TestKeys.Session());

    private SessionStart NewStart(TimeSpan ttl)
    {
        var now = fixture.Clock.GetUtcNow();
        return new SessionStart(TestKeys.Tenant(), "alice", "gpt-realtime", "realtime", now, now + ttl);
    }

    [Fact]
    public async Task A_session_never_started_has_no_snapshot()
    {
        var session = NewSession();

        Assert.Null(await session.GetSnapshot());
        Assert.Null(await session.End());
    }

    [Fact]
    public async Task Start_is_idempotent_for_the_same_start_and_refuses_a_different_one()
    {
        var session = NewSession();
        var start = NewStart(TimeSpan.FromMinutes(5));

        await session.Start(start);
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        await session.Start(start with { IssuedAt = fixture.Clock.GetUtcNow() }); // a retried commit

        var snapshot = await session.GetSnapshot();
        Assert.Equal((SessionState.Issued, start.IssuedAt), (snapshot?.State, snapshot?.IssuedAt));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.Start(start with { Model = "other" }));
    }

    [Fact]
    public async Task A_snapshot_after_the_secret_expired_says_expired()
    {
        var session = NewSession();
        var start = NewStart(TimeSpan.FromSeconds(30));
        await session.Start(start);

        fixture.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(SessionState.Issued, (await session.GetSnapshot())?.State);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var snapshot = await session.GetSnapshot();
        Assert.Equal((SessionState.Expired, start.ExpiresAt), (snapshot?.State, snapshot?.EndedAt));
    }

    [Fact]
    public async Task Ending_is_final_and_ending_again_changes_nothing()
    {
        var session = NewSession();
        await session.Start(NewStart(TimeSpan.FromMinutes(5)));
        var endedAt = fixture.Clock.GetUtcNow();

        Assert.Equal(SessionState.Ended, (await session.End())?.State);
        fixture.Clock.Advance(TimeSpan.FromMinutes(10)); // past the secret's expiry: an ended session stays ended

        var again = await session.End();
        Assert.Equal((SessionState.Ended, endedAt), (again?.State, again?.EndedAt));
    }

    [Fact]
    public async Task Ending_an_expired_session_changes_nothing()
    {
        var session = NewSession();
        var start = NewStart(TimeSpan.FromSeconds(10));
        await session.Start(start);
        fixture.Clock.Advance(TimeSpan.FromSeconds(11));

        var snapshot = await session.End();

        Assert.Equal((SessionState.Expired, start.ExpiresAt), (snapshot?.State, snapshot?.EndedAt));
    }

    [Fact]
    public async Task A_session_expires_on_reactivation_when_its_timer_was_lost()
    {
        var session = NewSession();
        var start = NewStart(TimeSpan.FromSeconds(30));
        await session.Start(start);

        // A deactivation (or a silo restart) takes the timer with it; the state is in storage.
        await fixture.Cluster.DeactivateAsync(session);
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));

        var snapshot = await session.GetSnapshot();
        Assert.Equal((SessionState.Expired, start.ExpiresAt, start.UserId), (snapshot?.State, snapshot?.EndedAt, snapshot?.UserId));
    }
}
