using Realtime.Shared.Users;

namespace Realtime.Silo.Tests.Cluster;

/// <summary>Fresh grain keys, so tests that share the cluster never share a grain.</summary>
public static class TestKeys
{
    public static string Tenant() => $"t{Guid.NewGuid():N}";

    public static string User() => UserKey.For(Tenant(), $"user/{Guid.NewGuid():N}");

    public static string Session() => $"ses_{Guid.NewGuid():N}";
}
