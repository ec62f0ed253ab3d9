using System.Net;
using System.Text.Json.Nodes;
using Realtime.Cluster.Tests.Infrastructure;

namespace Realtime.Cluster.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class TenantKeyAcrossNodesTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_tenants_own_OpenAI_key_stored_through_node_1_is_used_through_node_2_and_never_shown()
    {
        var tenantId = "acme-" + Guid.NewGuid().ToString("N")[..8];
        var signingSecret = "signing-secret-" + Guid.NewGuid().ToString("N");
        var ownKey = "sk-acme-" + Guid.NewGuid().ToString("N");
        using (var put = await cluster.Api1.AdminAsync(HttpMethod.Put, $"/admin/tenants/{tenantId}", new JsonObject
        {
            ["name"] = "Acme",
            ["signing_secret"] = signingSecret,
            ["openai_api_key"] = ownKey,
        }))
        {
            await ApiNode.EnsureAsync(put, HttpStatusCode.OK);
        }

        // Minting through node 2 decrypts the key (on whichever silo holds the tenant) and the emulator takes it.
        using (var mint = await cluster.Api2.MintAsync(TenantJwt.Create(signingSecret, tenantId, "alice")))
        {
            await ApiNode.EnsureAsync(mint, HttpStatusCode.OK);
            var secret = JsonNode.Parse(await mint.Content.ReadAsStringAsync())!["client_secret"]!.GetValue<string>();
            Assert.StartsWith("ek_", secret);
        }

        using var get = await cluster.Api2.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenantId}");
        await ApiNode.EnsureAsync(get, HttpStatusCode.OK);
        var body = await get.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ownKey, body);
        Assert.DoesNotContain(signingSecret, body);
        var shown = JsonNode.Parse(body)!["openai_api_key"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(shown), $"The tenant should show that it has a key (masked): {body}");
    }
}
