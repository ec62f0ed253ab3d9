using Microsoft.Extensions.Configuration;
using Realtime.Silo.Hosting;
using StackExchange.Redis;

namespace Realtime.Silo.Storage;

/// <summary>Reads <c>ConnectionStrings:Redis</c> for the Redis provider, failing at startup when it is missing.</summary>
internal static class RedisConnection
{
    /// <summary>A fresh (mutable) options object per caller, so no two Redis clients share one.</summary>
    public static ConfigurationOptions Options(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(RealtimeStorage.RedisConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"{RealtimeStorage.ProviderKey} is {RealtimeStorage.Redis} but ConnectionStrings:{RealtimeStorage.RedisConnectionName} is not set " +
                $"(e.g. ConnectionStrings__{RealtimeStorage.RedisConnectionName}=localhost:6379).");
        return ConfigurationOptions.Parse(connectionString);
    }
}
