using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Realtime.Silo.Storage;

/// <summary>
/// Orleans reminders in the same SQLite file as grain state, so a single process keeps its reminders across
/// restarts like its state. Rows carry the grain's uniform hash, which is how the reminder service asks for the
/// reminders of its range of the ring; etags make upserts and removals safe against a stale caller.
/// </summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS reminders (
            grain_id      TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      INTEGER NOT NULL,
            period        INTEGER NOT NULL,
            etag          TEXT NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        """;

    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    public Task Init()
    {
        database.EnsureCreated(Schema);
        return Task.CompletedTask;
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(database.Read(c => Query(c, $"SELECT {Columns} FROM reminders WHERE grain_id = $grain_id",
            p => p.AddWithValue("$grain_id", grainId.ToString()))));

    /// <summary>The reminders of the ring range (begin, end]; a range with begin ≥ end wraps around zero.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var condition = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "grain_hash > $begin OR grain_hash <= $end";
        return Task.FromResult(database.Read(c => Query(c, $"SELECT {Columns} FROM reminders WHERE {condition}", p =>
        {
            p.AddWithValue("$begin", (long)begin);
            p.AddWithValue("$end", (long)end);
        })));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(database.Read(c => Query(c,
            $"SELECT {Columns} FROM reminders WHERE grain_id = $grain_id AND reminder_name = $name", p =>
            {
                p.AddWithValue("$grain_id", grainId.ToString());
                p.AddWithValue("$name", reminderName);
            })).Reminders.FirstOrDefault());

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        return database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period, etag)
                VALUES ($grain_id, $name, $hash, $start_at, $period, $etag)
                ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                    grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
                """;
            command.Parameters.AddWithValue("$grain_id", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$name", entry.ReminderName);
            command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$start_at", entry.StartAt.ToUniversalTime().Ticks);
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            command.Parameters.AddWithValue("$etag", etag);
            command.ExecuteNonQuery();
            return (string?)etag;
        });
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "DELETE FROM reminders WHERE grain_id = $grain_id AND reminder_name = $name AND etag = $etag";
            command.Parameters.AddWithValue("$grain_id", grainId.ToString());
            command.Parameters.AddWithValue("$name", reminderName);
            command.Parameters.AddWithValue("$etag", eTag);
            return command.ExecuteNonQuery() == 1;
        });

    public Task TestOnlyClearTable() =>
        database.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "DELETE FROM reminders";
            return command.ExecuteNonQuery();
        });

    private static ReminderTableData Query(SqliteConnection connection, string sql, Action<SqliteParameterCollection> bind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<ReminderEntry>();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return new ReminderTableData(entries);
    }
}
