using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Storage;

/// <summary>The <c>Memory</c> provider, for tests and benchmarks: state and reminders gone with the process.</summary>
internal static class MemoryStorage
{
    public static void AddTo(ISiloBuilder silo)
    {
        silo.Services.AddGrainStorage(RealtimeStorage.Name,
            (services, _) => ActivatorUtilities.CreateInstance<MemoryGrainStorage>(services));
        silo.UseInMemoryReminderService();
    }
}
