using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Upstream;

/// <summary>With OpenAI unreachable every request is 502 (never 429: failures spend no budget).</summary>
[Collection(UnreachableCollection.Name)]
public sealed class UnreachableUpstreamTests(UnreachableApiHost host)
{
    [Fact]
    public async Task Every_request_is_502_and_none_is_429()
    {
        var tenant = "down-" + Guid.NewGuid().ToString("N")[..8];
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant), tenant, "lee");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++) statuses.Add((await host.RequestTokenAsync(jwt)).StatusCode);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadGateway, s));
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.BadGateway);
        Assert.Contains("could not be reached", problem["detail"]!.GetValue<string>());
    }
}
