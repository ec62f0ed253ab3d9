using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Tenants;

/// <summary>
/// Nodes subscribe to the tenant directory: a tenant provisioned through one node works through the other at once,
/// and a delete through one node stops its tokens on the other well before the policy cache would expire.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed class TenantChangesAcrossNodesTests(TwoNodeCluster cluster)
{
    [Fact]
    public async Task A_tenant_provisioned_and_deleted_through_one_node_is_followed_by_the_other()
    {
        var tenant = "xn-" + Guid.NewGuid().ToString("N")[..8];
        var token = TestJwt.Create(await cluster.NodeA.ProvisionTenantAsync(tenant), tenant, "alice");
        await HttpAssert.OkAsync(await cluster.NodeB.RequestTokenAsync(token)); // B caches the tenant now

        Assert.Equal(HttpStatusCode.NoContent, (await cluster.NodeA.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{tenant}")).StatusCode);

        // The policy cache would keep the tenant for 5 s; the directory's notice drops it at once.
        await Eventually.ValueAsync(async () => (await cluster.NodeB.RequestTokenAsync(token)).StatusCode, status => status == HttpStatusCode.Unauthorized,
            status => $"node B still answers {status} for the deleted tenant", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_suspension_through_one_node_is_followed_by_the_other_before_its_cache_expires()
    {
        var tenant = "xs-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await cluster.NodeA.ProvisionTenantAsync(tenant);
        var token = TestJwt.Create(secret, tenant, "alice");
        await HttpAssert.OkAsync(await cluster.NodeB.RequestTokenAsync(token)); // B caches the tenant now

        // Only the suspension changes: the directory's listing (the origins) stays as it was, yet B must hear of it.
        await cluster.NodeA.ProvisionTenantAsync(tenant, suspended: true, secret: secret);

        var status = await Eventually.ValueAsync(async () => (await cluster.NodeB.RequestTokenAsync(token)).StatusCode, status => status != HttpStatusCode.OK,
            status => $"node B still answers {status} for the suspended tenant", TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
