using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Realtime.Silo.Users;
using Realtime.Storage.Tests.Contract;

namespace Realtime.Storage.Tests.Memory;

public sealed class MemoryGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(UserRecord).Assembly))
        .BuildServiceProvider();

    protected override Task<IGrainStorage> OpenAsync() => Task.FromResult<IGrainStorage>(
        new Realtime.Silo.Storage.MemoryGrainStorage(_services.GetRequiredService<Serializer>(), _services.GetRequiredService<IActivatorProvider>()));

    [Fact]
    public async Task Of_many_writers_holding_the_same_etag_exactly_one_lands()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        var first = new GrainState<UserRecord> { State = Record(1) };
        await storage.WriteStateAsync(StateName, grain, first);

        var outcomes = await Task.WhenAll(Enumerable.Range(2, 32).Select(grants => Task.Run(async () =>
        {
            var state = new GrainState<UserRecord> { State = Record(grants), ETag = first.ETag };
            try
            {
                await storage.WriteStateAsync(StateName, grain, state);
                return grants;
            }
            catch (InconsistentStateException)
            {
                return 0;
            }
        })));

        var winner = Assert.Single(outcomes, o => o != 0);
        Assert.Equal(winner, (await Read(storage, grain)).State!.Grants.Count);
    }

    [Fact]
    public async Task An_etag_this_store_never_made_matches_nothing()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<UserRecord> { State = Record(1) });

        foreach (var foreign in new[] { "0", "-1", "abc", "99999999999" })
        {
            var state = new GrainState<UserRecord> { State = Record(3), ETag = foreign };
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, state));
        }
        Assert.Single((await Read(storage, grain)).State!.Grants);
    }

    public void Dispose() => _services.Dispose();
}
