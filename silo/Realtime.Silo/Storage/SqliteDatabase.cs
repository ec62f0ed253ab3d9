using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Storage;

/// <summary>
/// The SQLite file behind the <c>Sqlite</c> provider: where it is, how a connection to it is opened, and the one
/// writer every write goes through. Grain state and reminders share it; the Data Protection key ring lives beside it.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>How long a statement waits for another process's lock before failing (SQLite's busy handler).</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;

    private readonly Lazy<SqliteWriteQueue> _writes;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            throw new InvalidOperationException(
                $"ConnectionStrings:{RealtimeStorage.SqliteConnectionName} must name a file (e.g. '{RealtimeStorage.DefaultSqliteConnectionString}'): " +
                "an in-memory SQLite database would lose everything on restart; use Storage:Provider=Memory for that.");

        // SQLite resolves a relative path against the working directory; so does this, once, for good.
        FilePath = Path.GetFullPath(builder.DataSource);
        builder.DataSource = FilePath;
        builder.Pooling = true;
        builder.DefaultTimeout = (int)BusyTimeout.TotalSeconds;
        _connectionString = builder.ToString();
        _writes = new(() => new SqliteWriteQueue(Open));
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The folder beside the file that holds the Data Protection key ring (<c>data/keys</c> by default).</summary>
    public string KeyRingDirectory => Path.Combine(Path.GetDirectoryName(FilePath)!, "keys");

    /// <summary>The database named by <c>ConnectionStrings:Sqlite</c>, or <c>data/realtime.db</c> when unset.</summary>
    public static SqliteDatabase From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(RealtimeStorage.SqliteConnectionName);
        return new SqliteDatabase(string.IsNullOrWhiteSpace(connectionString) ? RealtimeStorage.DefaultSqliteConnectionString : connectionString);
    }

    /// <summary>
    /// Creates the folder and file owner-only if missing (SQLite gives its -wal and -shm files the file's mode) and
    /// runs <paramref name="schema"/> (idempotent DDL) in WAL mode.
    /// </summary>
    public void EnsureCreated(string schema)
    {
        OwnerOnly.Directory(Path.GetDirectoryName(FilePath)!);
        OwnerOnly.File(FilePath);
        using var connection = Open();
        // WAL: readers never wait for the writer, and a commit is one append. The mode sticks to the file.
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, schema);
    }

    /// <summary>Runs <paramref name="read"/> on a fresh pooled connection (WAL readers do not take the gate).</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = Open();
        return read(connection);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in the process's single writer, grouped with other waiting writes into one
    /// transaction (see <see cref="SqliteWriteQueue"/>); the task completes once that transaction is committed.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write) => _writes.Value.Enqueue(write);

    /// <summary>Finishes the queued writes and closes the pooled connections, so the file is released.</summary>
    public void Dispose()
    {
        if (_writes.IsValueCreated) _writes.Value.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
