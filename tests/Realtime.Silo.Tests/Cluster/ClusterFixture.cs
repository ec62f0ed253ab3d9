using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Tests.Cluster;

/// <summary>
/// One in-process silo for the whole test run (starting one costs seconds), wired exactly as production wires
/// it through <see cref="RealtimeSiloBuilderExtensions.AddRealtimeGrains"/>, with a fake clock.
/// <para>
/// The clock: grains inject the plain <see cref="TimeProvider"/>, and Orleans 10 resolves the same unkeyed
/// service for its grain area (<c>TimeProviderNames.Grains</c>), which drives grain timers. So the fake replaces
/// the unkeyed provider, and <c>UseTimeProviderForBackgroundAreas(TimeProvider.System)</c> pins every other
/// keyed area (membership, messaging, activation collection, reminders…) to real time. Advancing the fake
/// clock then moves the grains' "now" and fires their timers, while the cluster's own maintenance loops never
/// see an hour pass in a microsecond (which would declare silos dead and collect every activation).
/// </para>
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ClusterFixture()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) => ConfigureSilo(silo, Clock));
        Cluster = builder.Build();
    }

    public FakeTimeProvider Clock { get; } = new(Epoch);

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static void ConfigureSilo(ISiloBuilder silo, FakeTimeProvider clock)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [RealtimeStorage.ProviderKey] = RealtimeStorage.Memory })
            .Build();
        silo.AddRealtimeGrains(configuration);

        // The last registration wins for the unkeyed TimeProvider: the grains' clock and their timers' clock.
        silo.Services.AddSingleton<TimeProvider>(clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);

        // Keys in memory: a test run must not leave a key ring in the home directory.
        silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
    }
}
