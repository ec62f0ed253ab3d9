namespace Realtime.Shared.Tenants;

/// <summary>
/// Every provisioned tenant id with the browser origins it allows, at a version that grows with each change.
/// Immutable once built: api nodes share one instance across threads.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.TenantDirectory")]
public sealed record TenantDirectory(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, string[]> OriginsByTenant)
{
    public static TenantDirectory Empty { get; } = new(0, new Dictionary<string, string[]>(StringComparer.Ordinal));

    public bool Contains(string tenantId) => OriginsByTenant.ContainsKey(tenantId);
}
