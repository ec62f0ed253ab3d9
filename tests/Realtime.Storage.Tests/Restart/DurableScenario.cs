using Realtime.Shared.Sessions;
using Realtime.Shared.Tenants;
using Realtime.Shared.Users;

namespace Realtime.Storage.Tests.Restart;

/// <summary>
/// What must outlive a restart: a tenant (with its OpenAI key, encrypted at rest), and a user's spent budget
/// with the session it opened. Written through one host, checked through the next.
/// </summary>
public sealed class DurableScenario
{
    private static readonly UserLimits Limits = new(PerMinute: 10, PerHour: 100, ConcurrentSessions: 5);

    public string TenantId { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public string OpenAIKey { get; } = "sk-tenant-" + Guid.NewGuid().ToString("N");

    public string SessionId { get; } = "ses_" + Guid.NewGuid().ToString("N");

    public string UserKey => Shared.Users.UserKey.For(TenantId, "alice");

    public async Task WriteAsync(IGrainFactory grains)
    {
        await grains.GetGrain<ITenantGrain>(TenantId).Put(new TenantDefinition(
            "Durable tenant", "durable-tenant-signing-secret-0123456789", OpenAIKey, TenantLimits.Default, ["gpt-realtime"], Suspended: false));

        var user = grains.GetGrain<IUserGrain>(UserKey);
        for (var i = 0; i < 2; i++)
        {
            var sessionId = i == 0 ? SessionId : "ses_" + Guid.NewGuid().ToString("N");
            var expiresAt = DateTimeOffset.UtcNow.AddMinutes(10);
            // As the api's TokenBroker does: the reservation spends the unit and issues the session.
            var reservation = await user.Reserve(Limits, new SessionGrant(sessionId, "gpt-realtime", "realtime", expiresAt));
            Assert.True(reservation.Granted, $"expected a grant, refused by {reservation.RefusedBy}");
        }
    }

    public async Task AssertSurvivedAsync(IGrainFactory grains)
    {
        var policy = await grains.GetGrain<ITenantGrain>(TenantId).GetPolicy();
        Assert.NotNull(policy);
        Assert.Equal("Durable tenant", policy.Name);
        Assert.Equal(OpenAIKey, policy.OpenAIApiKey);

        var usage = await grains.GetGrain<IUserGrain>(UserKey).GetUsage();
        Assert.Equal(2, usage.LastMinute);
        Assert.Equal(2, usage.OpenSessions);

        var session = await grains.GetGrain<ISessionGrain>(SessionId).GetSnapshot();
        Assert.NotNull(session);
        Assert.Equal(TenantId, session.TenantId);
    }
}
