using System.Net;
using Realtime.Cluster.Tests.Infrastructure;

namespace Realtime.Cluster.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class BudgetAcrossNodesTests(ClusterFixture cluster)
{
    [Fact]
    public async Task One_users_budget_is_shared_exactly_by_both_api_nodes()
    {
        // The dev tenant: 10 secrets per user per minute. Requests alternate between the nodes.
        var jwt = await cluster.Api1.DevTokenAsync("budget-" + Guid.NewGuid().ToString("N")[..8]);
        var outcomes = new List<HttpStatusCode>();
        for (var i = 0; i < 14; i++)
        {
            using var response = await cluster.Apis[i % 2].MintAsync(jwt);
            outcomes.Add(response.StatusCode);
        }

        Assert.Equal(10, outcomes.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(4, outcomes.Count(s => s == HttpStatusCode.TooManyRequests));
        // Granted first, refused after: the shared budget ran out once, not separately per node.
        Assert.All(outcomes.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
