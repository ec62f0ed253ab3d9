using Microsoft.Data.Sqlite;

namespace Realtime.Storage.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp folder, deleted (with any SQLite file in it) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "realtime-storage-" + Guid.NewGuid().ToString("N"));

    /// <summary>A connection string for a database file in a sub folder that does not exist yet.</summary>
    public string SqliteConnectionString(string file = "db/realtime.db") => $"Data Source={Combine(file)}";

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
