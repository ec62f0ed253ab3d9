namespace Realtime.Silo.Tenants;

/// <summary>The tenant directory as it is persisted: tenant id → allowed origins, and the version of the list.</summary>
[GenerateSerializer, Alias("Realtime.Silo.TenantDirectoryRecord")]
public sealed class TenantDirectoryRecord
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public Dictionary<string, List<string>> Tenants { get; set; } = new(StringComparer.Ordinal);
}
