using Orleans.Concurrency;

namespace Realtime.Shared.Tenants;

/// <summary>
/// One per api node: the tenant directory tells every subscribed node when a tenant is provisioned, changed or
/// deleted, so a new tenant's tokens work on every node at once and a deleted tenant's stop at once.
/// </summary>
public interface ITenantDirectoryObserver : IGrainObserver
{
    /// <summary>One-way: a slow or dead node never holds up the directory.</summary>
    [OneWay]
    Task TenantChanged(string tenantId);
}
