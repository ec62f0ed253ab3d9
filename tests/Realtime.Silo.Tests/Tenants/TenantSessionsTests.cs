using Realtime.Shared.Sessions;
using Realtime.Shared.Tenants;
using Realtime.Silo.Tests.Cluster;
using Realtime.Silo.Tests.Sessions;
using static Realtime.Silo.Tests.Sessions.Captions.Events;

namespace Realtime.Silo.Tests.Tenants;

/// <summary>Deleting a tenant ends its live sessions and any that goes live later; a tenant provisioned again can be deleted again.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantSessionsTests(ClusterFixture fixture)
{
    private const string Owner = "alice";

    private static TenantDefinition Definition() => new(
        "Acme", "signing-secret-0123456789-abcdefghij", null, TenantLimits.Default, [], Suspended: false);

    [Fact]
    public async Task Delete_ends_live_and_late_sessions_and_a_new_provision_reopens()
    {
        var tenantId = TestKeys.Tenant();
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.Put(Definition());
        var users = new UserScenario(fixture, tenantId, Owner);
        var live = await users.Session(TimeSpan.FromMinutes(5));
        var late = await users.Session(TimeSpan.FromMinutes(5));
        Assert.Null((await live.Publish(tenantId, Owner, [UserCompleted("e1", "item_a", "hi")])).Refused);

        Assert.True(await tenant.Delete());

        // Ended by the delete, or (had its one-way report arrived after it) as soon as it reports.
        await Eventually.TrueAsync(async () => (await live.GetSnapshot())!.State == SessionState.Ended, "the live session to end");
        await late.Publish(tenantId, Owner, [UserCompleted("e2", "item_b", "late")]);
        await Eventually.TrueAsync(async () => (await late.GetSnapshot())!.State == SessionState.Ended, "the late session to end");

        await tenant.Put(Definition());
        var again = await users.Session(TimeSpan.FromMinutes(5));
        Assert.Null((await again.Publish(tenantId, Owner, [UserCompleted("e3", "item_c", "back")])).Refused);
        Assert.True(await tenant.Delete()); // a tenant provisioned again is deleted again, its new session with it
        await Eventually.TrueAsync(async () => (await again.GetSnapshot())!.State == SessionState.Ended, "the new session to end");
    }
}
