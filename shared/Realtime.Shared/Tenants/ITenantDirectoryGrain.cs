namespace Realtime.Shared.Tenants;

/// <summary>
/// The one list of provisioned tenants and the browser origins each allows (key: <see cref="Key"/>). Api nodes
/// keep a copy, so a token naming a tenant that does not exist, or a CORS preflight from an origin no tenant lists,
/// is answered without activating any grain. The tenant grain keeps it current on every provision and delete.
/// </summary>
public interface ITenantDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The only directory grain.</summary>
    public const long Key = 0;

    /// <summary>The directory, or null when it is still at <paramref name="knownVersion"/> (nothing to send).</summary>
    Task<TenantDirectory?> GetIfNewer(long knownVersion);

    /// <summary>
    /// Subscribes an api node to tenant changes, or renews its subscription (a node that stops renewing is dropped
    /// after <c>SubscriptionLifetime</c>), and answers like <see cref="GetIfNewer"/>.
    /// </summary>
    Task<TenantDirectory?> Subscribe(string nodeId, ITenantDirectoryObserver node, long knownVersion);

    /// <summary>Adds the tenant, or replaces the origins it lists; either way every subscribed node hears that it changed.</summary>
    Task Register(string tenantId, IReadOnlyList<string> allowedOrigins);

    /// <summary>Removes the tenant; removing one that is not listed changes nothing.</summary>
    Task Remove(string tenantId);
}
