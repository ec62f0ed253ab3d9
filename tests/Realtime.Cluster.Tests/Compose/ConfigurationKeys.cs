using System.Reflection;
using Realtime.Api.Captions;
using Realtime.Api.Dev;
using Realtime.Api.Hosting;
using Realtime.Api.Tenants;
using Realtime.Api.Upstream;
using Realtime.Silo.Hosting;

namespace Realtime.Cluster.Tests.Compose;

/// <summary>
/// The configuration keys the code reads, taken from the code itself: the properties of the options classes
/// bound to each section, the storage key and the connection string names. An environment variable in
/// docker-compose.yml must be one of these in <c>Section__Key</c> form, or it configures nothing.
/// </summary>
public static class ConfigurationKeys
{
    private static readonly (string Section, Type Options)[] BoundSections =
    [
        (ClusterSettings.Section, typeof(ClusterSettings)),
        (OrleansOptions.Section, typeof(OrleansOptions)),
        (OpenAIOptions.Section, typeof(OpenAIOptions)),
        (AdminOptions.Section, typeof(AdminOptions)),
        (DevOptions.Section, typeof(DevOptions)),
        (CaptionOptions.Section, typeof(CaptionOptions)),
    ];

    private static readonly string[] ConnectionStrings = [RealtimeStorage.RedisConnectionName, RealtimeStorage.SqliteConnectionName];

    /// <summary>Variables that configure the .NET host itself rather than the application.</summary>
    private static readonly string[] HostVariables = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_ENVIRONMENT"];

    public static bool IsRead(string environmentVariable)
    {
        if (HostVariables.Contains(environmentVariable)) return true;
        var key = environmentVariable.Replace("__", ":", StringComparison.Ordinal);
        if (key == RealtimeStorage.ProviderKey) return true;
        var parts = key.Split(':');
        if (parts is ["ConnectionStrings", var name]) return ConnectionStrings.Contains(name);
        if (parts is [ForwardedHeadersHosting.Section, var list, var index])
            return ForwardedHeadersHosting.Lists.Contains(list) && int.TryParse(index, out _);
        return parts.Length == 2 && BoundSections.Any(b => b.Section == parts[0] && IsBindable(b.Options, parts[1]));
    }

    // Binding matches property names case-insensitively; a key must name a settable public property.
    private static bool IsBindable(Type options, string name) =>
        options.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.SetMethod?.IsPublic == true;
}
