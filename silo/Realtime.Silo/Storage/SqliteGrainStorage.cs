using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Realtime.Shared.Logging;

namespace Realtime.Silo.Storage;

/// <summary>
/// Grain state in one SQLite table, one row per (grain type, grain id, state name), with optimistic concurrency:
/// every write carries the etag it read, and a write against a newer row fails with
/// <see cref="InconsistentStateException"/> instead of overwriting it. Clearing deletes the row.
/// <para>
/// State is stored with the Orleans serializer, not JSON: the state records are already
/// <c>[GenerateSerializer]</c> with numbered <c>[Id]</c> members, so they evolve by the same rules as every grain
/// contract (add members with new ids, never reuse one) and round-trip exactly (records with constructors,
/// dictionaries, <see cref="DateTimeOffset"/> offsets), with no second set of attributes to keep in step.
/// </para>
/// </summary>
public sealed partial class SqliteGrainStorage(
    string name,
    SqliteDatabase database,
    Serializer serializer,
    IActivatorProvider activators,
    TimeProvider time,
    ILogger<SqliteGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The table, created on start when missing.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag       TEXT NOT NULL,
            payload    BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_id, state_name)
        ) WITHOUT ROWID;
        """;

    private readonly OrleansGrainStorageSerializer _serializer = new(serializer);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{name}", ServiceLifecycleStage.ApplicationServices, _ => Init());

    /// <summary>Creates the folder, the file and the table if missing; also called directly by tests.</summary>
    public Task Init()
    {
        database.EnsureCreated(Schema);
        LogOpened(logger, name, database.FilePath);
        return Task.CompletedTask;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = database.Read(c => SelectRow(c, StateKey.From(grainId, stateName)));
        grainState.State = row is null ? activators.GetActivator<T>().Create() : _serializer.Deserialize<T>(row.Value.Payload);
        grainState.ETag = row?.ETag;
        grainState.RecordExists = row is not null;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StateKey.From(grainId, stateName);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var etag = NewETag();
        var expected = grainState.ETag;

        var written = await database.WriteAsync(c => expected is null
            ? Insert(c, key, etag, payload)
            : Update(c, key, expected, etag, payload));
        if (!written) throw Conflict(key, expected, "write");

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StateKey.From(grainId, stateName);
        var expected = grainState.ETag;

        // Clearing what was never written (etag null, no row) is fine; anything else must match the row.
        var cleared = await database.WriteAsync(c => expected is null ? SelectETag(c, key) is null : Delete(c, key, expected));
        if (!cleared) throw Conflict(key, expected, "clear");

        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private InconsistentStateException Conflict(StateKey key, string? expected, string operation)
    {
        var stored = database.Read(c => SelectETag(c, key));
        LogEtagRefused(logger, name, operation, LogText.Escape(key.ToString()), expected, stored);
        return new InconsistentStateException(
            $"The {operation} of {key} lost a race: it expected etag '{expected ?? "none"}', storage holds '{stored ?? "none"}'.",
            stored ?? "none", expected ?? "none");
    }

    private static (string ETag, BinaryData Payload)? SelectRow(SqliteConnection connection, StateKey key)
    {
        using var command = key.Command(connection, "SELECT etag, payload FROM grain_state WHERE " + StateKey.Where);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), new BinaryData((byte[])reader[1])) : null;
    }

    private static string? SelectETag(SqliteConnection connection, StateKey key)
    {
        using var command = key.Command(connection, "SELECT etag FROM grain_state WHERE " + StateKey.Where);
        return command.ExecuteScalar() as string;
    }

    // First write: a row that appeared meanwhile means another activation got there first.
    private bool Insert(SqliteConnection connection, StateKey key, string etag, byte[] payload)
    {
        using var command = key.Command(connection, """
            INSERT INTO grain_state (grain_type, grain_id, state_name, etag, payload, updated_at)
            VALUES ($grain_type, $grain_id, $state_name, $etag, $payload, $updated_at)
            ON CONFLICT DO NOTHING
            """);
        AddValues(command, etag, payload);
        return command.ExecuteNonQuery() == 1;
    }

    private bool Update(SqliteConnection connection, StateKey key, string expected, string etag, byte[] payload)
    {
        using var command = key.Command(connection,
            "UPDATE grain_state SET etag = $etag, payload = $payload, updated_at = $updated_at WHERE " + StateKey.Where + " AND etag = $expected");
        AddValues(command, etag, payload);
        command.Parameters.AddWithValue("$expected", expected);
        return command.ExecuteNonQuery() == 1;
    }

    private static bool Delete(SqliteConnection connection, StateKey key, string expected)
    {
        using var command = key.Command(connection, "DELETE FROM grain_state WHERE " + StateKey.Where + " AND etag = $expected");
        command.Parameters.AddWithValue("$expected", expected);
        return command.ExecuteNonQuery() == 1;
    }

    private void AddValues(SqliteCommand command, string etag, byte[] payload)
    {
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
        command.Parameters.AddWithValue("$updated_at", time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Name}: SQLite at {Path}")]
    private static partial void LogOpened(ILogger logger, string name, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {Name}: {Operation} of {Key} refused, etag {Expected} but stored {Stored}")]
    private static partial void LogEtagRefused(ILogger logger, string name, string operation, string? key, string? expected, string? stored);
}
