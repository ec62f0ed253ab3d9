using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Realtime.Api.Hosting;
using Realtime.Testing;

namespace Realtime.Benchmarks.Grains;

/// <summary>
/// The real api, built by its own composition root (<see cref="RealtimeApi.Build"/>) in Production (as a deployment
/// runs it, and as the baseline runs: no developer exception page) with the emulator mounted on itself, memory
/// storage and a co-hosted silo on free loopback ports; the benchmark tenant is provisioned through
/// PUT /admin/tenants/{tid} as an operator would.
/// </summary>
public sealed class GrainServer(WebApplication app) : IAsyncDisposable
{
    private const string AdminKey = "bench-admin-key-0123456789";

    public Uri BaseAddress { get; } = new(app.Urls.First());

    /// <summary>The co-hosted silo's port: a second node joins the cluster through it.</summary>
    public int SiloPort { get; private init; }

    /// <summary>The cluster's id, for a second node to join.</summary>
    public string ClusterId { get; private init; } = "";

    /// <summary>
    /// Starts one api node. With <paramref name="join"/> the node's silo joins that node's cluster (and the tenant,
    /// a cluster-wide grain, is not provisioned again). <paramref name="settings"/> override the defaults.
    /// </summary>
    public static async Task<GrainServer> StartAsync(BenchmarkTenant tenant, HttpClient http, GrainServer? join = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var siloPort = FreePort.Next();
        var clusterId = join?.ClusterId ?? "bench-" + Guid.NewGuid().ToString("N")[..8];
        var app = RealtimeApi.Build(["--environment", "Production", "--contentRoot", AppContext.BaseDirectory], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(Settings(siloPort, clusterId, join?.SiloPort).Concat(BenchmarkLogging.Settings));
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings); // a later source wins
        });
        await app.StartAsync();
        var server = new GrainServer(app) { SiloPort = siloPort, ClusterId = clusterId };
        if (join is null) await server.ProvisionAsync(tenant, http);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(int siloPort, string clusterId, int? primarySiloPort) => new()
    {
        ["Orleans:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:ClusterId"] = clusterId,
        ["Orleans:PrimarySiloPort"] = primarySiloPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Storage:Provider"] = "Memory",
        ["Admin:ApiKey"] = AdminKey,
        ["Emulator:Enabled"] = "true",
        // One address drives every client and the caption load; the per-address, per-connection and per-user
        // limits meant for strangers on the internet are off.
        ["RateLimiting:Unauthenticated:PermitsPerMinute"] = "0",
        ["Captions:PublishPerSecond"] = "0",
        ["Captions:MaxConnectionsPerUser"] = "0",
    };

    private async Task ProvisionAsync(BenchmarkTenant tenant, HttpClient http)
    {
        var limits = new { per_minute = tenant.Limit, per_hour = tenant.Limit, concurrent_sessions = tenant.Limit, tenant_per_minute = tenant.Limit };
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(BaseAddress, $"/admin/tenants/{tenant.TenantId}"))
        {
            Content = JsonContent.Create(new { name = "Benchmark", signing_secret = tenant.SigningSecret, limits, suspended = false }),
        };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Provisioning the tenant answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
