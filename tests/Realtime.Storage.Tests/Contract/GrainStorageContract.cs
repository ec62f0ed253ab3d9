using Orleans.Storage;
using Realtime.Shared.Sessions;
using Realtime.Silo.Sessions;
using Realtime.Silo.Users;

namespace Realtime.Storage.Tests.Contract;

/// <summary>
/// What every grain storage provider of the silo must do, run against each one (<c>Storage:Provider</c>): read back
/// what was written with its etag, refuse a stale write or clear without changing anything, let only one of two
/// first writes in (a session issued twice relies on it), keep state names and grain types apart.
/// </summary>
public abstract class GrainStorageContract
{
    protected const string StateName = "user";

    /// <summary>The provider under test, as a silo would have it after starting.</summary>
    protected abstract Task<IGrainStorage> OpenAsync();

    protected static GrainId NewGrain() => GrainId.Create("user", Guid.NewGuid().ToString("N"));

    /// <summary>A user record with grants in <paramref name="grants"/> seconds (one a minute apart), one live and one issued session.</summary>
    protected static UserRecord Record(int grants)
    {
        var record = new UserRecord();
        for (var i = 0; i < grants; i++) record.Grants[1_767_225_600 + 60 * i] = i + 1;
        record.Issued[1_767_225_900] = 1;
        record.Live["ses_1"] = new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero);
        return record;
    }

    protected static async Task<GrainState<UserRecord>> Read(IGrainStorage storage, GrainId grain)
    {
        var state = new GrainState<UserRecord>();
        await storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    [Fact]
    public async Task A_written_state_reads_back_the_same_with_its_etag()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        var written = new GrainState<UserRecord> { State = Record(grants: 3) };

        await storage.WriteStateAsync(StateName, grain, written);
        var read = await Read(storage, grain);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(written.State.Grants, read.State!.Grants);
        Assert.Equal(written.State.Issued, read.State.Issued);
        Assert.Equal(written.State.Live, read.State.Live);
    }

    [Fact]
    public async Task A_session_record_reads_back_with_its_start_and_the_offsets_of_its_times()
    {
        var storage = await OpenAsync();
        var grain = GrainId.Create("session", Guid.NewGuid().ToString("N"));
        var issuedAt = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.FromHours(2));
        var written = new SessionRecord
        {
            State = SessionState.Live,
            Start = new SessionStart("t1", "u1", "gpt-realtime", "realtime", issuedAt, issuedAt.AddMinutes(10)),
            LastPublishAt = issuedAt.AddMinutes(1),
            SeqCeiling = 1_000,
        };

        await storage.WriteStateAsync(SessionGrain.StateName, grain, new GrainState<SessionRecord> { State = written });
        var read = new GrainState<SessionRecord>();
        await storage.ReadStateAsync(SessionGrain.StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.Start, read.State!.Start);
        Assert.Equal(TimeSpan.FromHours(2), read.State.Start!.IssuedAt.Offset);
        Assert.Equal((SessionState.Live, written.LastPublishAt, 1_000L), (read.State.State, read.State.LastPublishAt, read.State.SeqCeiling));
    }

    [Fact]
    public async Task A_state_never_written_reads_as_a_fresh_record_without_etag()
    {
        var storage = await OpenAsync();

        var read = await Read(storage, NewGrain());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Empty(read.State.Grants);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<UserRecord> { State = Record(1) });
        var first = await Read(storage, grain);
        var stale = await Read(storage, grain);

        first.State = Record(2);
        await storage.WriteStateAsync(StateName, grain, first);
        stale.State = Record(5);
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        Assert.Equal(first.ETag, error.StoredEtag);
        Assert.Equal(2, (await Read(storage, grain)).State!.Grants.Count);
    }

    [Fact]
    public async Task A_write_that_expects_a_record_where_none_is_is_refused_and_leaves_none()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        var state = new GrainState<UserRecord> { State = Record(1) };
        await storage.WriteStateAsync(StateName, grain, state);
        var stale = await Read(storage, grain);
        await storage.ClearStateAsync(StateName, grain, state);

        stale.State = Record(3);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        Assert.False((await Read(storage, grain)).RecordExists);
        await storage.WriteStateAsync(StateName, grain, new GrainState<UserRecord> { State = Record(2) });
        Assert.Equal(2, (await Read(storage, grain)).State!.Grants.Count);
    }

    [Fact]
    public async Task Two_first_writes_of_the_same_grain_let_only_one_in()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();

        await storage.WriteStateAsync(StateName, grain, new GrainState<UserRecord> { State = Record(1) });

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(StateName, grain, new GrainState<UserRecord> { State = Record(7) }));
        Assert.Single((await Read(storage, grain)).State!.Grants);
    }

    [Fact]
    public async Task Clear_removes_the_record_and_a_stale_clear_is_refused()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        var state = new GrainState<UserRecord> { State = Record(2) };
        await storage.WriteStateAsync(StateName, grain, state);
        var stale = await Read(storage, grain);
        await storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));
        await storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State.Grants);
        Assert.False((await Read(storage, grain)).RecordExists);

        // After a clear the next write is a first write again.
        await storage.WriteStateAsync(StateName, grain, new GrainState<UserRecord> { State = Record(1) });
        Assert.True((await Read(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task Concurrent_writers_to_different_grains_all_land()
    {
        var storage = await OpenAsync();
        var grains = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToArray();

        await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            var state = new GrainState<UserRecord>();
            for (var i = 1; i <= 5; i++)
            {
                state.State = Record(i);
                await storage.WriteStateAsync(StateName, grain, state);
            }
        })));

        foreach (var grain in grains) Assert.Equal(5, (await Read(storage, grain)).State!.Grants.Count);
    }

    [Fact]
    public async Task State_names_and_grain_types_are_separate_records()
    {
        var storage = await OpenAsync();
        var key = Guid.NewGuid().ToString("N");
        await storage.WriteStateAsync("a", GrainId.Create("user", key), new GrainState<UserRecord> { State = Record(1) });

        var otherName = new GrainState<UserRecord>();
        await storage.ReadStateAsync("b", GrainId.Create("user", key), otherName);
        var otherType = new GrainState<UserRecord>();
        await storage.ReadStateAsync("a", GrainId.Create("session", key), otherType);

        Assert.False(otherName.RecordExists);
        Assert.False(otherType.RecordExists);
    }
}
