namespace Realtime.Shared.Tenants;

/// <summary>
/// Sums the tenant-wide per-minute grants that api nodes report in batches (about once a second),
/// so the tenant cap never puts one grain on every token request. See docs/rate-limits.md.
/// </summary>
public interface ITenantUsageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records that <paramref name="nodeId"/> granted <paramref name="grantedLastMinute"/> secrets in the
    /// last minute, and answers the sum the other nodes last reported.
    /// </summary>
    Task<int> Report(string nodeId, int grantedLastMinute);

    /// <summary>The sum of every node's last report: the tenant's grants in about the last minute.</summary>
    Task<int> GetGrantedLastMinute();

    /// <summary>Forgets every report (the tenant was deleted).</summary>
    Task Forget();
}
