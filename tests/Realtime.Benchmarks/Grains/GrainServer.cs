using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Realtime.Api.Hosting;

namespace Realtime.Benchmarks.Grains;

/// <summary>
/// The real api, built by its own composition root (<see cref="RealtimeApi.Build"/>) in Development with the
/// emulator mounted on itself, memory storage and a co-hosted silo on free loopback ports; the benchmark
/// tenant is provisioned through PUT /admin/tenants/{tid} as an operator would.
/// </summary>
public sealed class GrainServer(WebApplication app) : IAsyncDisposable
{
    private const string AdminKey = "bench-admin-key-0123456789";

    public Uri BaseAddress { get; } = new(app.Urls.First());

    public static async Task<GrainServer> StartAsync(BenchmarkTenant tenant, HttpClient http)
    {
        var app = RealtimeApi.Build(["--environment", "Development", "--contentRoot", AppContext.BaseDirectory], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(Settings().Concat(BenchmarkLogging.Settings));
        });
        await app.StartAsync();
        var server = new GrainServer(app);
        await server.ProvisionAsync(tenant, http);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Orleans:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans:ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
        ["Storage:Provider"] = "Memory",
        ["Admin:ApiKey"] = AdminKey,
        ["Emulator:Enabled"] = "true",
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
