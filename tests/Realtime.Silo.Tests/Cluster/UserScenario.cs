using Realtime.Shared.Sessions;
using Realtime.Shared.Users;

namespace Realtime.Silo.Tests.Cluster;

/// <summary>A fresh user on the shared cluster, with the token-request steps the api performs.</summary>
public sealed class UserScenario(ClusterFixture fixture)
{
    /// <summary>A user of a new tenant, or the named user of the named tenant.</summary>
    public UserScenario(ClusterFixture fixture, string tenantId, string userId) : this(fixture) => Key = UserKey.For(tenantId, userId);

    public string Key { get; } = TestKeys.User();

    public IUserGrain Grain => fixture.Client.GetGrain<IUserGrain>(Key);

    /// <summary>Reserves a new session whose secret would live five minutes, as the api does before asking upstream.</summary>
    public Task<Reservation> Reserve(UserLimits limits) => Grain.Reserve(limits, NewGrant(TimeSpan.FromMinutes(5)));

    public SessionGrant NewGrant(TimeSpan ttl) =>
        new(TestKeys.Session(), "gpt-realtime", "realtime", fixture.Clock.GetUtcNow() + ttl);

    /// <summary>
    /// Reserves a session whose secret lives <paramref name="ttl"/> and asserts the grant: what the api's
    /// TokenBroker does when upstream mints the secret with the planned expiry.
    /// </summary>
    public async Task<SessionGrant> Mint(UserLimits limits, TimeSpan ttl)
    {
        var grant = NewGrant(ttl);
        var reservation = await Grain.Reserve(limits, grant);
        Assert.True(reservation.Granted, $"expected a grant, was refused by {reservation.RefusedBy}");
        return grant;
    }

    /// <summary>Mints a session for this user with room to spare, and answers its grain.</summary>
    public async Task<ISessionGrain> Session(TimeSpan ttl) =>
        fixture.Client.GetGrain<ISessionGrain>((await Mint(Roomy, ttl)).SessionId);

    private static readonly UserLimits Roomy = new(PerMinute: 1000, PerHour: 10_000, ConcurrentSessions: 1000);

    public Task<UserUsage> Usage() => Grain.GetUsage();
}
