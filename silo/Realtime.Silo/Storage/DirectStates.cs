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
}
