using Microsoft.Extensions.Logging;
using Realtime.Shared.Sessions;
using Realtime.Shared.Tenants;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Tenants;

/// <summary>
/// A tenant's live sessions (see <see cref="ITenantSessionsGrain"/>), persisted so a restart does not forget
/// sessions that deleting the tenant must end. Only live sessions are listed: an issued one that never goes live
/// ends with its secret, and one that goes live after the delete is ended when it reports.
/// </summary>
public sealed partial class TenantSessionsGrain(
    [PersistentState("tenant-sessions", RealtimeStorage.Name)] IPersistentState<TenantSessionsRecord> state,
    ILogger<TenantSessionsGrain> logger) : Grain, ITenantSessionsGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task Live(string sessionId)
    {
        if (state.State.TenantDeleted)
        {
            LogLiveAfterDelete(logger, sessionId, TenantId);
            await GrainFactory.GetGrain<ISessionGrain>(sessionId).End();
            return;
        }
        if (state.State.SessionIds.Add(sessionId)) await state.WriteStateAsync();
    }

    public async Task Closed(string sessionId)
    {
        if (state.State.SessionIds.Remove(sessionId)) await state.WriteStateAsync();
    }

    public async Task<int> EndAll()
    {
        var sessions = state.State.SessionIds.ToList();
        // A session's End tells this grain it closed one-way: those messages queue until this call is done.
        await Task.WhenAll(sessions.Select(id => GrainFactory.GetGrain<ISessionGrain>(id).End()));
        state.State.SessionIds.Clear();
        state.State.TenantDeleted = true;
        await state.WriteStateAsync();
        LogEnded(logger, TenantId, sessions.Count);
        return sessions.Count;
    }

    public async Task Reopen()
    {
        if (!state.State.TenantDeleted) return;
        state.State.TenantDeleted = false;
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} went live after tenant {TenantId} was deleted: ended")]
    private static partial void LogLiveAfterDelete(ILogger logger, string sessionId, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Count} live sessions ended")]
    private static partial void LogEnded(ILogger logger, string tenantId, int count);
}
