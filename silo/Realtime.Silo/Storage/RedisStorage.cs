using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Storage;

/// <summary>The <c>Redis</c> provider, for clusters: grain state, reminders and the key ring in <c>ConnectionStrings:Redis</c>.</summary>
internal static class RedisStorage
{
    /// <summary>The Redis key (a list) that holds the Data Protection key ring of every node.</summary>
    public const string KeyRingKey = "realtime:dataprotection-keys";

    public static void AddTo(ISiloBuilder silo, IConfiguration configuration)
    {
        var storageOptions = RedisConnection.Options(configuration);
        silo.AddRedisGrainStorage(RealtimeStorage.Name, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = storageOptions;
            // Same bytes as the Sqlite provider: the [Id]-numbered Orleans format, not Orleans' default JSON.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            // Clear means gone, as with Sqlite, rather than an empty record left behind.
            o.DeleteStateOnClear = true;
        }));

        var reminderOptions = RedisConnection.Options(configuration);
        silo.UseRedisReminderService(o => o.ConfigurationOptions = reminderOptions);
    }

    /// <summary>Every node reads and writes the one key ring under <see cref="KeyRingKey"/>.</summary>
    public static void PersistKeys(IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        var options = RedisConnection.Options(configuration);
        dataProtection.Services.TryAddSingleton(_ => new RedisKeyRingConnection(options));
        // What PersistKeysToStackExchangeRedis does, with the connection resolved from the container.
        dataProtection.Services.AddOptions<KeyManagementOptions>().Configure<RedisKeyRingConnection>((o, connection) =>
            o.XmlRepository = new RedisXmlRepository(() => connection.Database, KeyRingKey));
    }
}
