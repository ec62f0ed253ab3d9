namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>What every node of one test cluster shares: its ids, Redis, and the admin key.</summary>
public sealed record ClusterIdentity(string ClusterId, string ServiceId, string RedisConnectionString, string AdminKey)
{
    /// <summary>The environment every node gets, in the documented <c>Section__Key</c> form.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ServiceId,
        ["ConnectionStrings__Redis"] = RedisConnectionString,
        ["Storage__Provider"] = "Redis",
        // Four processes on two cores: workstation GC keeps each one small.
        ["DOTNET_gcServer"] = "0",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft"] = "Warning",
        ["Logging__LogLevel__Orleans"] = "Warning",
        ["Logging__LogLevel__Polly"] = "Warning",
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
    };
}
