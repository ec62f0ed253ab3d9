using Orleans.Concurrency;

namespace Realtime.Shared.Tenants;

/// <summary>
/// The live sessions of one tenant (key: tenant id), so deleting the tenant can end them. Session grains report
/// going live and closing one-way; a session that goes live after its tenant was deleted is ended at once.
/// </summary>
public interface ITenantSessionsGrain : IGrainWithStringKey
{
    /// <summary>A session of this tenant went live (or a live one was activated again).</summary>
    [OneWay]
    Task Live(string sessionId);

    /// <summary>A session of this tenant ended or expired.</summary>
    [OneWay]
    Task Closed(string sessionId);

    /// <summary>Ends every live session of the tenant (it was deleted) and forgets them; answers how many it ended.</summary>
    Task<int> EndAll();
}
