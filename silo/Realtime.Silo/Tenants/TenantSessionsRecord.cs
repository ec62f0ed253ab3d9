namespace Realtime.Silo.Tenants;

/// <summary>The ids of a tenant's live sessions, and whether the tenant was deleted, as persisted.</summary>
[GenerateSerializer, Alias("Realtime.Silo.TenantSessionsRecord")]
public sealed class TenantSessionsRecord
{
    [Id(0)] public HashSet<string> SessionIds { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public bool TenantDeleted { get; set; }
}
