using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Realtime.Silo.Hosting;

namespace Realtime.Storage.Tests.Infrastructure;

/// <summary>
/// A whole silo host as production builds one (<c>AddRealtimeGrains</c> with the given settings), on fresh
/// loopback ports. Only the settings carry over from one host to the next, as across a process restart.
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SiloHost(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <param name="settings">Configuration, e.g. <c>Storage:Provider</c> and connection strings.</param>
    /// <param name="serviceId">The same across restarts: Redis keys include it.</param>
    public static async Task<SiloHost> StartAsync(IReadOnlyDictionary<string, string?> settings, string serviceId)
    {
        // No defaults: nothing from the environment or an appsettings file may change what is under test.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: serviceId, clusterId: serviceId)
            .AddRealtimeGrains(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
