using System.Globalization;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>
/// One standalone silo process (<c>dotnet Realtime.Silo.dll</c>) on fixed ports, so a restart comes back where it
/// was. Membership timeouts are shortened so a killed silo is declared dead within seconds, not the
/// production default of about half a minute.
/// </summary>
public sealed class SiloNode(string name, ClusterIdentity cluster, string workDirectory) : IDisposable
{
    private ChildProcess? _process;

    public string Name => name;

    public int SiloPort { get; } = FreePort.Next();

    public int GatewayPort { get; } = FreePort.Next();

    public bool IsRunning => _process is { HasExited: false };

    public void Start()
    {
        _process?.Dispose();
        var environment = cluster.Environment();
        environment["Orleans__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
        environment["Orleans__Membership__ProbeTimeout"] = "00:00:01";
        environment["Orleans__Membership__MaxProbeTimeout"] = "00:00:02";
        environment["Orleans__Membership__NumMissedProbesLimit"] = "2";
        environment["Orleans__Membership__TableRefreshTimeout"] = "00:00:02";
        // Four busy processes on two cores look "degraded" to Orleans, which would then stretch every probe up to
        // MaxProbeTimeout; the test wants the plain timings above.
        environment["Orleans__Membership__ExtendProbeTimeoutDuringDegradation"] = "false";
        var folder = Directory.CreateDirectory(Path.Combine(workDirectory, name)).FullName;
        _process = ChildProcess.Start(name, DotNet.Host, [BuildLayout.SiloDll], environment, folder, workDirectory);
    }

    /// <summary>kill -9: the silo vanishes mid-flight, its grains and its membership entry left behind.</summary>
    public void Kill() => _process?.Kill();

    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromSeconds(20)) ?? Task.CompletedTask;

    public string Tail() => _process?.Tail() ?? $"--- {name}: not started ---";

    public void Dispose() => _process?.Dispose();
}
