using Microsoft.Data.Sqlite;
using Realtime.Silo.Storage;
using Realtime.Storage.Tests.Infrastructure;

namespace Realtime.Storage.Tests.Sqlite;

/// <summary>Writes are committed in groups; a write that fails must not take the others of its group with it.</summary>
public sealed class SqliteWriteQueueTests : IDisposable
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY);";

    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;

    public SqliteWriteQueueTests()
    {
        _database = new SqliteDatabase(_folder.SqliteConnectionString());
        _database.EnsureCreated(Schema);
    }

    private static int Insert(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO t (k) VALUES ($k)";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteNonQuery();
    }

    private long Count(string key) => _database.Read(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM t WHERE k = $k";
        command.Parameters.AddWithValue("$k", key);
        return (long)command.ExecuteScalar()!;
    });

    [Fact]
    public async Task A_failing_write_rolls_back_alone_and_the_others_land()
    {
        // Queued without awaiting in between, so they mostly share a group; the outcome must not depend on it.
        var good = Enumerable.Range(0, 50).Select(i => _database.WriteAsync(c => Insert(c, $"good{i}"))).ToList();
        var bad = _database.WriteAsync<int>(c =>
        {
            Insert(c, "half-done");
            throw new InvalidOperationException("this write fails after its insert");
        });
        good.AddRange(Enumerable.Range(50, 50).Select(i => _database.WriteAsync(c => Insert(c, $"good{i}"))));

        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.All(await Task.WhenAll(good), changed => Assert.Equal(1, changed));
        Assert.Equal(0, Count("half-done"));
        Assert.Equal(1, Count("good99"));
    }

    [Fact]
    public async Task A_write_is_visible_to_a_read_once_its_task_completes()
    {
        await _database.WriteAsync(c => Insert(c, "seen"));

        Assert.Equal(1, Count("seen"));
    }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
