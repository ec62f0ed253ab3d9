using Realtime.Silo.Storage;
using Realtime.Storage.Tests.Infrastructure;

namespace Realtime.Storage.Tests.Sqlite;

public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<SqliteDatabase> _databases = [];

    private async Task<SqliteReminderTable> OpenAsync()
    {
        var database = new SqliteDatabase(_folder.SqliteConnectionString());
        _databases.Add(database);
        var table = new SqliteReminderTable(database);
        await table.Init();
        return table;
    }

    private static ReminderEntry Entry(GrainId grain, string name, int minutes = 5) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(minutes),
    };

    [Fact]
    public async Task Upserted_reminders_read_back_by_grain_name_and_ring_range()
    {
        var table = await OpenAsync();
        var grain = GrainId.Create("session", "ses_1");
        var etag = await table.UpsertRow(Entry(grain, "expire"));
        await table.UpsertRow(Entry(grain, "idle", minutes: 1));

        var row = await table.ReadRow(grain, "expire");
        Assert.NotNull(row);
        Assert.Equal(etag, row.ETag);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), row.StartAt);
        Assert.Equal(2, (await table.ReadRows(grain)).Reminders.Count);

        var hash = grain.GetUniformHashCode();
        Assert.Equal(2, (await table.ReadRows(hash - 1, hash)).Reminders.Count);
        Assert.Empty((await table.ReadRows(hash, hash == uint.MaxValue ? 0 : hash + 1)).Reminders);
        // A range that wraps around zero: (hash, hash] is the whole ring.
        Assert.Equal(2, (await table.ReadRows(hash, hash)).Reminders.Count);
    }

    [Fact]
    public async Task Removal_needs_the_current_etag_and_survives_reopening()
    {
        var table = await OpenAsync();
        var grain = GrainId.Create("session", "ses_2");
        var old = await table.UpsertRow(Entry(grain, "expire"));
        var current = await table.UpsertRow(Entry(grain, "expire", minutes: 10));

        Assert.False(await table.RemoveRow(grain, "expire", old!));
        Assert.Equal(TimeSpan.FromMinutes(10), (await (await OpenAsync()).ReadRow(grain, "expire"))!.Period);
        Assert.True(await table.RemoveRow(grain, "expire", current!));
        Assert.Null(await table.ReadRow(grain, "expire"));
    }

    public void Dispose()
    {
        foreach (var database in _databases) database.Dispose();
        _folder.Dispose();
    }
}
