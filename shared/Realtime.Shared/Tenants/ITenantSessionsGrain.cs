using Orleans.Concurrency;

namespace Realtime.Shared.Tenants;

/// <summary>
/// The live sessions of one tenant (key: tenant id), so deleting the tenant can end them. Session grains report
/// going live and closing one-way; a session that goes live after its tenant was deleted is ended at once. Only the
/// tenant grain ends or reopens the list, so a delete and a new provision of the same tenant never interleave.
/// </summary>
public interface ITenantSessionsGrain : IGrainWithStringKey
{
    /// <summary>A session of this tenant went live (or a live one was activated again).</summary>
    [OneWay]
    Task Live(string sessionId);

    /// <summary>A session of this tenant ended or expired.</summary>
    [OneWay]
    Task Closed(string sessionId);

    /// <summary>
    /// The tenant was deleted: ends every live session and forgets them, and ends any session that goes live from
    /// now on (its secret was minted before the delete) until <see cref="Reopen"/>. Answers how many it ended.
    /// </summary>
    Task<int> EndAll();

    /// <summary>The tenant was provisioned (again): its sessions may go live.</summary>
    Task Reopen();
}
