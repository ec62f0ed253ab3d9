using Realtime.Shared.Sessions;
using Realtime.Shared.Users;

namespace Realtime.Silo.Tests.Cluster;

/// <summary>A fresh user on the shared cluster, with the token-request steps the api performs.</summary>
public sealed class UserScenario(ClusterFixture fixture)
{
    public string Key { get; } = TestKeys.User();

    public IUserGrain Grain => fixture.Client.GetGrain<IUserGrain>(Key);

    public Task<Reservation> Reserve(UserLimits limits) => Grain.Reserve(limits);

    public SessionGrant NewGrant(TimeSpan ttl) =>
        new(TestKeys.Session(), "gpt-realtime", "realtime", fixture.Clock.GetUtcNow() + ttl);

    /// <summary>
    /// Reserves, asserts the grant, then commits and starts a session whose secret lives <paramref name="ttl"/>,
    /// together, as the api's TokenBroker does.
    /// </summary>
    public async Task<SessionGrant> Mint(UserLimits limits, TimeSpan ttl)
    {
        var reservation = await Reserve(limits);
        Assert.True(reservation.Granted, $"expected a grant, was refused by {reservation.RefusedBy}");
        var grant = NewGrant(ttl);
        var (tenantId, userId) = UserKey.Parse(Key);
        var start = new SessionStart(tenantId, userId, grant.Model, grant.Type, fixture.Clock.GetUtcNow(), grant.ExpiresAt);
        await Task.WhenAll(Grain.Commit(reservation.Id, grant), fixture.Client.GetGrain<ISessionGrain>(grant.SessionId).Start(start));
        return grant;
    }

    public Task<UserUsage> Usage() => Grain.GetUsage();
}
