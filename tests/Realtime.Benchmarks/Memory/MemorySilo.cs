using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Realtime.Silo.Hosting;
using Realtime.Testing;

namespace Realtime.Benchmarks.Memory;

/// <summary>One silo as production builds it (<c>AddRealtimeGrains</c>, Storage:Provider=Memory) on loopback ports.</summary>
public sealed class MemorySilo(IHost host) : IAsyncDisposable
{
    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<MemorySilo> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "bench-memory", clusterId: "bench-memory")
            .AddRealtimeGrains(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new MemorySilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
