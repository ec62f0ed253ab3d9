using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Realtime.Silo.Users;
using Realtime.Storage.Tests.Contract;

namespace Realtime.Storage.Tests.Sqlite;

public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly SqliteStorageFixture _fixture = new();

    protected override async Task<IGrainStorage> OpenAsync() => await _fixture.OpenAsync();

    [Fact]
    public async Task Start_creates_folder_file_and_table_in_wal_mode()
    {
        Assert.False(Directory.Exists(_fixture.Folder.Combine("fresh")));

        await _fixture.OpenAsync("fresh/nested/state.db");

        using var connection = new SqliteConnection(_fixture.Folder.SqliteConnectionString("fresh/nested/state.db"));
        connection.Open();
        Assert.Equal("grain_state", Scalar(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'grain_state'"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task State_survives_closing_and_reopening_the_file()
    {
        var grain = NewGrain();
        var state = new GrainState<UserRecord> { State = Record(4) };
        await (await _fixture.OpenAsync()).WriteStateAsync(StateName, grain, state);

        SqliteConnection.ClearAllPools();
        var reopened = await _fixture.OpenAsync();

        var read = await Read(reopened, grain);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(4, read.State!.Grants.Count);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => _fixture.Dispose();
}
