using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Hosting;
using Realtime.Silo.Tests.Cluster;
using Realtime.Silo.Users;

namespace Realtime.Silo.Tests.Users;

[Collection(ClusterCollection.Name)]
public sealed class UserGrainSessionTests(ClusterFixture fixture)
{
    private static readonly UserLimits TwoSessions = new(PerMinute: 100, PerHour: 1000, ConcurrentSessions: 2);

    [Fact]
    public async Task A_mint_starts_the_session_as_issued()
    {
        var user = new UserScenario(fixture);
        var issuedAt = fixture.Clock.GetUtcNow();
        var grant = await user.Mint(TwoSessions, TimeSpan.FromMinutes(5));

        var snapshot = await fixture.Client.GetGrain<ISessionGrain>(grant.SessionId).GetSnapshot();

        var (tenantId, userId) = UserKey.Parse(user.Key);
        Assert.Equal(
            new SessionSnapshot(grant.SessionId, tenantId, userId, grant.Model, grant.Type, SessionState.Issued,
                issuedAt, grant.ExpiresAt, EndedAt: null, EventCount: 0, SegmentCount: 0),
            snapshot);
    }

    [Fact]
    public async Task The_session_cap_refuses_until_a_secret_expires()
    {
        var user = new UserScenario(fixture);
        await user.Mint(TwoSessions, TimeSpan.FromSeconds(300));
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));
        await user.Mint(TwoSessions, TimeSpan.FromSeconds(300));

        Assert.Equal(Reservation.Refuse(LimitName.ConcurrentSessions, TimeSpan.FromSeconds(290)), await user.Reserve(TwoSessions));

        fixture.Clock.Advance(TimeSpan.FromSeconds(291));
        Assert.True((await user.Reserve(TwoSessions)).Granted);
    }

    [Fact]
    public async Task At_the_cap_overdue_sessions_are_reconciled_when_their_notification_was_lost()
    {
        // The user's record claims two live sessions that no session grain knows (their closing notification
        // was lost): one whose secret expired, one whose secret has not expired yet.
        var user = new UserScenario(fixture);
        var now = fixture.Clock.GetUtcNow();
        var record = new UserRecord();
        record.Live[TestKeys.Session()] = now - TimeSpan.FromSeconds(1);
        record.Live[TestKeys.Session()] = now + TimeSpan.FromSeconds(42);
        await WriteUserRecord(user, record);

        Assert.True((await user.Reserve(TwoSessions)).Granted);

        // Only the overdue one was asked about and dropped; the other still holds its slot until it is due.
        Assert.Equal(Reservation.Refuse(LimitName.ConcurrentSessions, TimeSpan.FromSeconds(42)), await user.Reserve(TwoSessions));
        Assert.Equal(2, (await user.Usage()).OpenSessions);
    }

    [Fact]
    public async Task Ending_a_session_frees_its_slot()
    {
        var user = new UserScenario(fixture);
        var limits = TwoSessions with { ConcurrentSessions = 1 };
        var grant = await user.Mint(limits, TimeSpan.FromMinutes(5));
        Assert.Equal(LimitName.ConcurrentSessions, (await user.Reserve(limits)).RefusedBy);

        var ended = await fixture.Client.GetGrain<ISessionGrain>(grant.SessionId).End();

        Assert.Equal(SessionState.Ended, ended?.State);
        Assert.Equal(fixture.Clock.GetUtcNow(), ended?.EndedAt);
        await Eventually.TrueAsync(async () => (await user.Usage()).OpenSessions == 0, "the ended session's slot to be freed");
        Assert.True((await user.Reserve(limits)).Granted);
    }

    [Fact]
    public async Task A_mint_activates_no_session_grain()
    {
        var user = new UserScenario(fixture);
        var grant = await user.Mint(TwoSessions, TimeSpan.FromMinutes(5));

        var sessionId = fixture.Client.GetGrain<ISessionGrain>(grant.SessionId).GetGrainId();
        var active = await fixture.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(sessionId.Type);
        Assert.DoesNotContain(sessionId, active);

        // Touched, it activates from the record the reservation issued.
        Assert.Equal(SessionState.Issued, (await fixture.Client.GetGrain<ISessionGrain>(grant.SessionId).GetSnapshot())?.State);
        Assert.Contains(sessionId, await fixture.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(sessionId.Type));
    }

    [Fact]
    public async Task A_live_session_holds_its_slot_past_its_secrets_expiry_until_it_ends()
    {
        var user = new UserScenario(fixture);
        var oneSession = TwoSessions with { ConcurrentSessions = 1 };
        var grant = await user.Mint(oneSession, TimeSpan.FromSeconds(60));
        var session = fixture.Client.GetGrain<ISessionGrain>(grant.SessionId);
        var (tenantId, userId) = UserKey.Parse(user.Key);
        Assert.Null((await session.Publish(tenantId, userId, [Sessions.Captions.Events.UserCompleted("ev_1", "item_1", "hello")])).Refused);

        // The session told its owner it went live: the slot stays held after the secret expired.
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, (await user.Usage()).OpenSessions);
        Assert.Equal(LimitName.ConcurrentSessions, (await user.Reserve(oneSession)).RefusedBy);

        Assert.Equal(SessionState.Ended, (await session.End())?.State);
        await Eventually.TrueAsync(async () => (await user.Usage()).OpenSessions == 0, "the ended session's slot to be freed");
        Assert.True((await user.Reserve(oneSession)).Granted);
    }

    [Fact]
    public async Task An_unused_session_expires_on_time_and_frees_its_slot_unasked()
    {
        var user = new UserScenario(fixture);
        var grant = await user.Mint(TwoSessions, TimeSpan.FromSeconds(60));

        fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, (await user.Usage()).OpenSessions);

        // Nobody reads the session (its grain was never activated): the user grain's clock alone frees the slot.
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await user.Usage()).OpenSessions);

        var snapshot = await fixture.Client.GetGrain<ISessionGrain>(grant.SessionId).GetSnapshot();
        Assert.Equal(SessionState.Expired, snapshot?.State);
        Assert.Equal(grant.ExpiresAt, snapshot?.EndedAt);
    }

    [Fact]
    public async Task A_stored_record_keeps_its_grants_and_sessions_across_a_write_and_a_reactivation()
    {
        var user = new UserScenario(fixture);
        var now = fixture.Clock.GetUtcNow();
        var record = new UserRecord();
        foreach (var ago in new[] { TimeSpan.FromHours(2), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(30) }) record.Grants.AddOne(SecondCounts.SecondOf(now - ago));
        record.Live[TestKeys.Session()] = now + TimeSpan.FromSeconds(42);
        await WriteUserRecord(user, record);

        Assert.Equal(new UserUsage(LastMinute: 1, LastHour: 2, OpenSessions: 1), await user.Usage());
        await user.Mint(TwoSessions, TimeSpan.FromMinutes(5));

        // What the mint wrote (the grants, the live session, the issued session) reads back the same.
        await fixture.Cluster.DeactivateAsync(user.Grain);
        Assert.Equal(new UserUsage(LastMinute: 2, LastHour: 3, OpenSessions: 2), await user.Usage());
    }

    private async Task WriteUserRecord(UserScenario user, UserRecord record)
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(RealtimeStorage.Name);
        await storage.WriteStateAsync(UserGrain.StateName, user.Grain.GetGrainId(), new GrainState<UserRecord>(record));
    }
}
