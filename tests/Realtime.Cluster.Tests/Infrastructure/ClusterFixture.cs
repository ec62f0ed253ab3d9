using System.Diagnostics;
using System.Globalization;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>
/// The cluster every test of the collection shares: Redis, silos 1 and 2, api nodes 1 and 2, each its own
/// process on 127.0.0.1, configured by environment variables only. A test that kills or restarts processes
/// brings the cluster back to full strength before it ends, so the tests do not depend on their order.
/// Everything is killed on dispose; logs stay in <see cref="WorkDirectory"/>.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private RedisProcess? _redis;

    public string WorkDirectory { get; } =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "realtime-cluster-tests", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId)).FullName;

    public ClusterIdentity Identity { get; private set; } = null!;

    public SiloNode[] Silos { get; private set; } = [];

    public ApiNode[] Apis { get; private set; } = [];

    public ApiNode Api1 => Apis[0];

    public ApiNode Api2 => Apis[1];

    public ClusterProbe Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync(WorkDirectory);
        var id = Guid.NewGuid().ToString("N")[..8];
        Identity = new ClusterIdentity("cluster-" + id, "realtime-tests-" + id, _redis.ConnectionString, "cluster-admin-key-" + id);
        Silos = [new SiloNode("silo1", Identity, WorkDirectory), new SiloNode("silo2", Identity, WorkDirectory)];
        Apis = [new ApiNode("api1", Identity, WorkDirectory), new ApiNode("api2", Identity, WorkDirectory)];
        await StartAllAsync();
        Probe = await ClusterProbe.ConnectAsync(Identity);
    }

    /// <summary>
    /// Starts every process and waits until both api nodes see both silos. The api nodes go first, as after a
    /// whole-cluster outage they may: they keep retrying until a gateway answers instead of failing.
    /// </summary>
    public async Task StartAllAsync()
    {
        foreach (var api in Apis) api.Start();
        foreach (var silo in Silos) silo.Start();
        await WaitUntilReadyAsync();
    }

    /// <summary>SIGTERM to every process, api nodes first, as an orderly shutdown of the whole cluster would go.</summary>
    public async Task StopAllAsync()
    {
        await Task.WhenAll(Apis.Select(a => a.StopAsync()));
        await Task.WhenAll(Silos.Select(s => s.StopAsync()));
    }

    /// <summary>Both api nodes answer /healthz as healthy and count both silos as active.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        foreach (var api in Apis)
        {
            await Eventually.TrueAsync(async () => (await api.HealthAsync())?.Contains("2 active silo(s)", StringComparison.Ordinal) == true,
                () => $"{api.Name} did not report a healthy cluster of 2 silos.{Environment.NewLine}{Tails()}", StartTimeout - clock.Elapsed);
        }
    }

    /// <summary>The silo whose port is <paramref name="siloPort"/>.</summary>
    public SiloNode SiloAt(int siloPort) =>
        Silos.SingleOrDefault(s => s.SiloPort == siloPort) ?? throw new InvalidOperationException($"No silo of this cluster listens on {siloPort}.");

    /// <summary>The last lines of every process, for failure messages.</summary>
    public string Tails() =>
        string.Join(Environment.NewLine, Silos.Select(s => s.Tail()).Concat(Apis.Select(a => a.Tail())));

    public async Task DisposeAsync()
    {
        if (Probe is not null) await Probe.DisposeAsync();
        foreach (var api in Apis) api.Dispose();
        foreach (var silo in Silos) silo.Dispose();
        _redis?.Dispose();
    }
}
