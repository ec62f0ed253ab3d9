using Microsoft.Data.Sqlite;

namespace Realtime.Benchmarks.Captions;

/// <summary>
/// One grain store per cluster for the caption scenarios: a SQLite file (<c>Storage:Provider=Sqlite</c>) that every
/// node of the cluster names. The <c>Memory</c> provider is each silo's own, and a session is issued by its owner's
/// user grain writing the session's record, which the session grain, possibly on the other silo, then reads; so a
/// two-silo cluster needs storage both silos see (as the api tests' TwoNodeCluster does). The files go to /dev/shm
/// when there is one: the benchmark measures the fan-out, so disk flushes stay out of the publish path.
/// </summary>
public sealed class ClusterStore : IDisposable
{
    private readonly string _directory = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(),
        "realtime-bench-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The settings that put a node on cluster <paramref name="cluster"/>'s store (one folder each: file and key ring).</summary>
    public Dictionary<string, string?> SettingsFor(string cluster) => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_directory, cluster, "realtime.db")}",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // the files are closed before they go
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
