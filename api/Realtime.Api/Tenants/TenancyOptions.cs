namespace Realtime.Api.Tenants;

/// <summary>Configuration section <c>Tenancy</c>.</summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>
    /// How long an api node trusts a cached tenant policy. A change made through another node (or a
    /// suspension) takes effect everywhere within this time; the node that took the PUT sees it at once.
    /// </summary>
    public int PolicyCacheSeconds { get; set; } = 5;

    /// <summary>
    /// How many tenants one api node caches at most. Only provisioned tenants get an entry (unknown ones are told
    /// apart by the tenant directory), so this bounds memory on a node serving very many tenants.
    /// </summary>
    public int PolicyCacheMaxEntries { get; set; } = 10_000;
}
