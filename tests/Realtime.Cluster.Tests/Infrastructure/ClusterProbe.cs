using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Realtime.Shared.Sessions;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>
/// An Orleans client of the tests' own, joined through Redis like the api nodes: it answers which silo holds a
/// session's grain (the one to kill) and how many silos the cluster counts as active.
/// </summary>
public sealed class ClusterProbe : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterProbe(IHost host) => _host = host;

    private IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterProbe> ConnectAsync(ClusterIdentity cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
            .UseRedisClustering(cluster.RedisConnectionString));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new ClusterProbe(host);
    }

    /// <summary>The silo port of the silo where the session's grain is active, or null when it is not active.</summary>
    public async Task<int?> SiloPortOfSessionAsync(string sessionId)
    {
        var address = await Management.GetActivationAddress(Client.GetGrain<ISessionGrain>(sessionId)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return address?.Endpoint.Port;
    }

    public async Task<int> ActiveSiloCountAsync()
    {
        try
        {
            return (await Management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5))).Count;
        }
        catch (Exception)
        {
            return 0; // nobody answered: no active silo this client can see
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The cluster is gone already: nothing to leave gracefully.
        }
        _host.Dispose();
    }

    private IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);
}
