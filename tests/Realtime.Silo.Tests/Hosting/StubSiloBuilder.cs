using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Realtime.Silo.Tests.Hosting;

/// <summary>Just enough of a silo builder to see what <c>AddRealtimeGrains</c> registers, without starting a silo.</summary>
public sealed class StubSiloBuilder : ISiloBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection();

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
}
