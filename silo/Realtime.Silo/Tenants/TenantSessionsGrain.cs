using Microsoft.Extensions.Logging;
using Realtime.Shared.Sessions;
using Realtime.Shared.Tenants;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Tenants;

/// <summary>
/// A tenant's live sessions (see <see cref="ITenantSessionsGrain"/>), persisted so a restart does not forget
/// sessions that deleting the tenant must end. Only live sessions are listed: an issued one that never goes live
/// ends with its secret, and one that goes live after the delete is ended when it reports.
/// </summary>
public sealed partial class TenantSessionsGrain(
    DirectStates states,
    ILogger<TenantSessionsGrain> logger) : Grain, ITenantSessionsGrain
{
    private DirectPersistentState<TenantSessionsRecord> _state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _state = await states.ReadAsync<TenantSessionsRecord>("tenant-sessions", this.GetGrainId());

    private string TenantId => this.GetPrimaryKeyString();

    public async Task Live(string sessionId)
    {
        if (_state.State.TenantDeleted)
        {
            LogLiveAfterDelete(logger, sessionId, TenantId);
            await GrainFactory.GetGrain<ISessionGrain>(sessionId).End();
            return;
        }
        if (_state.State.SessionIds.Add(sessionId)) await _state.WriteStateAsync();
    }

    public async Task Closed(string sessionId)
    {
        if (_state.State.SessionIds.Remove(sessionId)) await _state.WriteStateAsync();
    }

    public async Task<int> EndAll()
    {
        var sessions = _state.State.SessionIds.ToList();
        // A session's End tells this grain it closed one-way: those messages queue until this call is done.
        await Task.WhenAll(sessions.Select(id => GrainFactory.GetGrain<ISessionGrain>(id).End()));
        _state.State.SessionIds.Clear();
        _state.State.TenantDeleted = true;
        await _state.WriteStateAsync();
        LogEnded(logger, TenantId, sessions.Count);
        return sessions.Count;
    }

    public async Task Reopen()
    {
        if (!_state.State.TenantDeleted) return;
        _state.State.TenantDeleted = false;
        await _state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} went live after tenant {TenantId} was deleted: ended")]
    private static partial void LogLiveAfterDelete(ILogger logger, string sessionId, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Count} live sessions ended")]
    private static partial void LogEnded(ILogger logger, string tenantId, int count);
}
