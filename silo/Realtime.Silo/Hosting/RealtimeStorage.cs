using Microsoft.Extensions.Configuration;

namespace Realtime.Silo.Hosting;

/// <summary>The one grain storage every Realtime grain persists to, and the providers that can back it.</summary>
public static class RealtimeStorage
{
    /// <summary>The name the grain storage is registered under (keyed <c>IGrainStorage</c>), which <see cref="Storage.DirectStates"/> uses.</summary>
    public const string Name = "realtime";

    /// <summary>The configuration key that picks the provider.</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>An embedded SQLite file: durable, no server. The default, for a single process.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Redis: state, reminders and the Data Protection key ring shared by every node of a cluster.</summary>
    public const string Redis = "Redis";

    /// <summary>In-process memory: nothing survives a restart. For tests.</summary>
    public const string Memory = "Memory";

    /// <summary>The provider when <see cref="ProviderKey"/> is unset.</summary>
    public const string DefaultProvider = Sqlite;

    /// <summary>The connection string names: <c>ConnectionStrings:Sqlite</c> and <c>ConnectionStrings:Redis</c>.</summary>
    public const string SqliteConnectionName = "Sqlite";

    public const string RedisConnectionName = "Redis";

    /// <summary>Where the SQLite file goes when <c>ConnectionStrings:Sqlite</c> is unset (relative to the working directory).</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/realtime.db";

    /// <summary>The values <see cref="ProviderKey"/> accepts.</summary>
    public static IReadOnlyList<string> Providers { get; } = [Sqlite, Redis, Memory];

    /// <summary>
    /// The configured provider, spelled as in <see cref="Providers"/> (the key is case-insensitive), or the
    /// default when unset. An unknown value stops startup with the list of valid ones.
    /// </summary>
    public static string ProviderFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(configured)) return DefaultProvider;

        return Providers.FirstOrDefault(p => string.Equals(p, configured.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"{ProviderKey} '{configured}' is not supported. Valid values: {string.Join(", ", Providers)}.");
    }
}
