using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Realtime.Api.Tenants;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Security;

/// <summary>Tokens naming made-up tenants, and preflights from made-up origins, cost no grain activation and no cache entry.</summary>
[Collection(DevCollection.Name)]
public sealed class UnknownTenantFloodTests(DevApiHost host)
{
    private const int Requests = 2_000;

    [Fact]
    public async Task Random_unknown_tenants_leave_the_grain_count_and_the_cache_where_they_were()
    {
        var cache = host.Services.GetRequiredService<TenantPolicyCache>();
        var known = await DevTokens.ForAsync(host, DevTokens.NewUser());
        await HttpAssert.OkAsync(await host.RequestTokenAsync(known)); // the dev tenant and the directory are loaded
        var activationsBefore = await ActivationsAsync();
        var cachedBefore = cache.Count;

        var refused = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellation) =>
        {
            var tid = "x" + Guid.NewGuid().ToString("N");
            using var response = await host.RequestTokenAsync(TestJwt.Create(new string('k', 40), tid, "mallory"));
            if (response.StatusCode == HttpStatusCode.Unauthorized) Interlocked.Increment(ref refused);
        });

        Assert.Equal(Requests, refused);
        Assert.Equal(activationsBefore, await ActivationsAsync());
        Assert.Equal(cachedBefore, cache.Count);
    }

    [Fact]
    public async Task Preflights_from_random_origins_activate_no_grain_and_are_not_allowed()
    {
        await host.ProvisionTenantAsync("fl-" + Guid.NewGuid().ToString("N")[..8], allowedOrigins: ["https://listed.flood.example"]);
        var activationsBefore = await ActivationsAsync();

        var allowed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests / 4), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellation) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/api/realtime-token");
            request.Headers.Add("Origin", $"https://{Guid.NewGuid():N}.example");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            using var response = await host.Client.SendAsync(request, cancellation);
            if (response.Headers.Contains("Access-Control-Allow-Origin")) Interlocked.Increment(ref allowed);
        });

        Assert.Equal(0, allowed);
        Assert.Equal(activationsBefore, await ActivationsAsync());
    }

    /// <summary>Activations of every grain type in the cluster, from Orleans' management grain.</summary>
    private async Task<int> ActivationsAsync()
    {
        var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.Where(s => !s.GrainType.Contains("Management", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
