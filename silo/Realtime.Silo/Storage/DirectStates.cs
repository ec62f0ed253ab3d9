using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Storage;

/// <summary>Makes <see cref="DirectPersistentState{TState}"/>s over the product's grain storage (<see cref="RealtimeStorage.Name"/>).</summary>
public sealed class DirectStates(IServiceProvider services, IActivatorProvider activators)
{
    private readonly IGrainStorage _storage = services.GetRequiredKeyedService<IGrainStorage>(RealtimeStorage.Name);

    public DirectPersistentState<TState> For<TState>(string stateName, GrainId grainId) =>
        new(_storage, stateName, grainId, activators.GetActivator<TState>().Create());

    /// <summary>The state as storage holds it: what a grain's activation starts from.</summary>
    public async Task<DirectPersistentState<TState>> ReadAsync<TState>(string stateName, GrainId grainId)
    {
        var state = For<TState>(stateName, grainId);
        await state.ReadStateAsync();
        return state;
    }
}
