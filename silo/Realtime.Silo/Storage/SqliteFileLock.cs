using Microsoft.Extensions.Configuration;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Storage;

/// <summary>
/// An exclusive lock on <c>&lt;file&gt;.lock</c> beside the SQLite file, held for the process's lifetime by the silo
/// that founds its cluster. A second instance started from the same checkout would otherwise run its own grains on
/// the same file and overwrite the first one's records; it stops at start instead. Silos that join the founder
/// (<c>Orleans:PrimarySiloPort</c>) are the same cluster and share the file without the lock.
/// </summary>
public sealed class SqliteFileLock : IDisposable
{
    private readonly FileStream _stream;

    private SqliteFileLock(FileStream stream, string path) => (_stream, Path) = (stream, path);

    /// <summary>The lock file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// The lock for a silo configured by <paramref name="configuration"/>, or null when it needs none (another
    /// provider, or a silo joining a primary). Throws <see cref="StartupRefusedException"/> when another process holds it.
    /// </summary>
    public static SqliteFileLock? AcquireFor(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (RealtimeStorage.ProviderFrom(configuration) != RealtimeStorage.Sqlite) return null;
        if (ClusterSettings.From(configuration).PrimarySiloPort is not null) return null;
        return Acquire(SqliteDatabase.From(configuration).FilePath);
    }

    /// <summary>Locks <paramref name="databaseFile"/> for this process (its folder is created owner-only if missing).</summary>
    public static SqliteFileLock Acquire(string databaseFile)
    {
        OwnerOnly.Directory(System.IO.Path.GetDirectoryName(databaseFile)!);
        var path = databaseFile + ".lock";
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly.FileMode;
            return new SqliteFileLock(new FileStream(path, options), path);
        }
        catch (IOException)
        {
            throw new StartupRefusedException(
                $"The SQLite store {databaseFile} is already in use by another process (its lock {path} is held). " +
                $"Stop that instance, or give this one its own file: ConnectionStrings__{RealtimeStorage.SqliteConnectionName}=\"Data Source=<other path>\" " +
                "(and its own ports: --urls, Orleans__SiloPort, Orleans__GatewayPort).");
        }
    }

    public void Dispose() => _stream.Dispose();
}
