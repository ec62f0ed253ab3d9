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
        var deadline = DateTime.UtcNow.AddSeconds(2);
        HttpStatusCode status;
        while ((status = (await cluster.NodeB.RequestTokenAsync(token)).StatusCode) != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
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

        var deadline = DateTime.UtcNow.AddSeconds(2);
        HttpStatusCode status;
        while ((status = (await cluster.NodeB.RequestTokenAsync(token)).StatusCode) == HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
