using Realtime.Silo.Hosting;

namespace Realtime.Silo.Storage;

/// <summary>The <c>Memory</c> provider, for tests: state and reminders gone with the process.</summary>
internal static class MemoryStorage
{
    public static void AddTo(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(RealtimeStorage.Name);
        silo.UseInMemoryReminderService();
    }
}
