using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Realtime.Silo.Storage;
using Realtime.Silo.Users;

namespace Realtime.Storage.Tests.Direct;

public sealed class DirectPersistentStateTests : IDisposable
{
    private const string StateName = UserGrain.StateName;

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(UserRecord).Assembly))
        .BuildServiceProvider();

    private readonly GrainId _grain = GrainId.Create("user", Guid.NewGuid().ToString("N"));

    private Realtime.Silo.Storage.MemoryGrainStorage NewMemoryStorage() =>
        new(_services.GetRequiredService<Serializer>(), _services.GetRequiredService<IActivatorProvider>());

    [Fact]
    public async Task Writes_reads_back_and_clears_through_the_store()
    {
        var storage = NewMemoryStorage();
        var writer = new DirectPersistentState<UserRecord>(storage, StateName, _grain, new UserRecord());
        await writer.ReadStateAsync();
        Assert.False(writer.RecordExists);
        Assert.NotNull(writer.State);

        writer.State.Grants[1_800_000_000] = 3;
        await writer.WriteStateAsync();

        var reader = new DirectPersistentState<UserRecord>(storage, StateName, _grain, new UserRecord());
        await reader.ReadStateAsync();
        Assert.True(reader.RecordExists);
        Assert.Equal(writer.Etag, reader.Etag);
        Assert.Equal(new KeyValuePair<long, int>(1_800_000_000, 3), Assert.Single(reader.State.Grants));

        await reader.ClearStateAsync();
        await writer.ReadStateAsync();
        Assert.False(writer.RecordExists);
    }

    [Fact]
    public async Task A_lost_race_is_the_stores_own_conflict_on_the_returned_task()
    {
        var storage = NewMemoryStorage();
        var first = new DirectPersistentState<UserRecord>(storage, StateName, _grain, new UserRecord());
        var second = new DirectPersistentState<UserRecord>(storage, StateName, _grain, new UserRecord());
        await first.ReadStateAsync();
        await second.ReadStateAsync();
        await first.WriteStateAsync();

        // The memory store throws its conflict synchronously; the caller still gets it from the task.
        var write = second.WriteStateAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(() => write);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_store_failure_becomes_an_OrleansException_without_the_stores_message(bool synchronously)
    {
        var state = new DirectPersistentState<UserRecord>(new FailingStorage(synchronously), StateName, _grain, new UserRecord());

        foreach (var operation in new Func<Task>[] { state.ReadStateAsync, state.WriteStateAsync, state.ClearStateAsync })
        {
            var error = await Assert.ThrowsAsync<OrleansException>(operation);
            Assert.IsType<IOException>(error.InnerException);
            Assert.Contains(nameof(IOException), error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(FailingStorage.Secret, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cancellation_passes_as_it_is()
    {
        var state = new DirectPersistentState<UserRecord>(new FailingStorage(synchronously: false, cancel: true), StateName, _grain, new UserRecord());

        await Assert.ThrowsAsync<OperationCanceledException>(state.WriteStateAsync);
    }

    public void Dispose() => _services.Dispose();

    /// <summary>A store that cannot be reached: it fails every operation, with its endpoint's password in the message.</summary>
    private sealed class FailingStorage(bool synchronously, bool cancel = false) : IGrainStorage
    {
        public const string Secret = "password=hunter2";

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Fail();

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Fail();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Fail();

        private Task Fail()
        {
            Exception error = cancel ? new OperationCanceledException() : new IOException($"No answer from store:6379,{Secret}");
            return synchronously ? throw error : FailLaterAsync(error);
        }

        private static async Task FailLaterAsync(Exception error)
        {
            await Task.Yield();
            throw error;
        }
    }
}
