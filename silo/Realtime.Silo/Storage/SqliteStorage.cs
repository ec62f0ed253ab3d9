using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Storage;

/// <summary>
/// The <c>Sqlite</c> provider, the default for a single process: grain state and reminders in the file of
/// <c>ConnectionStrings:Sqlite</c>, the key ring in the folder <c>keys</c> beside it.
/// </summary>
internal static class SqliteStorage
{
    public static void AddTo(ISiloBuilder silo, IConfiguration configuration)
    {
        // A factory registration, so the container disposes it with the host (queued writes finish, the file is released).
        silo.Services.AddSingleton(_ => SqliteDatabase.From(configuration));
        silo.Services.AddGrainStorage(RealtimeStorage.Name,
            (services, name) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(services, name));
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
    }

    public static void PersistKeys(IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        var keyRing = SqliteDatabase.From(configuration).KeyRingDirectory;
        OwnerOnly.Directory(keyRing, narrowExisting: true);
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRing));
    }
}
