namespace Realtime.Shared.Tenants;

/// <summary>A tenant's definition, keyed by tenant id. Secrets are encrypted at rest by the grain.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>The tenant's policy, or null when it was never provisioned.</summary>
    Task<TenantPolicy?> GetPolicy();

    /// <summary>Replaces the tenant's definition and returns the new policy.</summary>
    Task<TenantPolicy> Put(TenantDefinition definition);

    /// <summary>Provisions the tenant unless it exists; true when it was created. Used to seed the dev tenant.</summary>
    Task<bool> CreateIfMissing(TenantDefinition definition);

    /// <summary>
    /// Removes the tenant's record and directory entry, ends its live sessions and forgets its tenant-wide usage;
    /// false when it did not exist.
    /// </summary>
    Task<bool> Delete();
}
