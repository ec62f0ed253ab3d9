using Microsoft.Extensions.Logging;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Users;

/// <summary>
/// One user's budgets and open sessions (key "{tid}/{sub}"). Not reentrant: calls run one at a time, which is
/// what makes the counts exact under any concurrency. This grain awaits session grains (commit, reconcile);
/// session grains only ever notify it one-way, so the two can never wait on each other.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", RealtimeStorage.Name)] IPersistentState<UserRecord> state,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    /// <summary>
    /// How long a reservation may wait for its commit or release: an api node that crashed mid-request must
    /// not hold a slot forever. Far longer than any upstream call is allowed to take.
    /// </summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(2);

    // Reservations in flight: id → when reserved. In memory only; no storage write on the hot path.
    private readonly Dictionary<Guid, DateTimeOffset> _pending = [];

    public async Task<Reservation> Reserve(UserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var decision = Budget(PruneAndNow()).Decide(limits);

        // At the session cap, first repair what lost notifications or lost timers may have left open.
        if (decision.RefusedBy == LimitName.ConcurrentSessions && await ReconcileOverdueSessions())
        {
            decision = Budget(PruneAndNow()).Decide(limits);
        }

        if (!decision.Allowed)
        {
            logger.LogDebug("User {UserKey} refused by {Limit}, retry after {RetryAfter}",
                this.GetPrimaryKeyString(), decision.RefusedBy, decision.RetryAfter);
            return Reservation.Refuse(decision.RefusedBy!, decision.RetryAfter);
        }

        var id = Guid.NewGuid();
        _pending[id] = time.GetUtcNow();
        return Reservation.Grant(id);
    }

    public async Task Commit(Guid reservationId, SessionGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var now = PruneAndNow();

        // An unknown id means this activation never saw the reservation (reactivated, or it went stale), but
        // upstream really minted a secret, so the grant is spent all the same.
        var reservedAt = _pending.Remove(reservationId, out var at) ? at : now;

        // A repeated commit of the same session spends nothing twice.
        if (!state.State.OpenSessions.ContainsKey(grant.SessionId))
        {
            state.State.Grants.Add(reservedAt);
            state.State.OpenSessions[grant.SessionId] = grant.ExpiresAt;
            await state.WriteStateAsync();
        }

        var (tenantId, userId) = UserKey.Parse(this.GetPrimaryKeyString());
        var start = new SessionStart(tenantId, userId, grant.Model, grant.Type, IssuedAt: now, grant.ExpiresAt);
        await GrainFactory.GetGrain<ISessionGrain>(grant.SessionId).Start(start);
    }

    public Task Release(Guid reservationId)
    {
        _pending.Remove(reservationId);
        return Task.CompletedTask;
    }

    public async Task SessionClosed(string sessionId)
    {
        if (state.State.OpenSessions.Remove(sessionId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<UserUsage> GetUsage()
    {
        var budget = Budget(PruneAndNow());
        return Task.FromResult(new UserUsage(budget.LastMinute, budget.LastHour, budget.OpenSessions, _pending.Count));
    }

    private SlidingWindowBudget Budget(DateTimeOffset now) =>
        new(now, state.State.Grants, _pending.Values, state.State.OpenSessions.Values);

    // Drops what no window can count any more. Not written here: the next write carries the trimmed list.
    private DateTimeOffset PruneAndNow()
    {
        var now = time.GetUtcNow();
        state.State.Grants.RemoveAll(at => at <= now - SlidingWindowBudget.Hour);
        foreach (var stale in _pending.Where(p => p.Value <= now - PendingLifetime).Select(p => p.Key).ToList())
        {
            _pending.Remove(stale);
        }

        return now;
    }

    /// <summary>
    /// Asks every open session whose secret expired how it is, and forgets those that are over (or never
    /// started). Returns whether any slot was freed.
    /// </summary>
    private async Task<bool> ReconcileOverdueSessions()
    {
        var now = time.GetUtcNow();
        var overdue = state.State.OpenSessions.Where(s => s.Value <= now).Select(s => s.Key).ToList();
        if (overdue.Count == 0) return false;

        var states = await Task.WhenAll(overdue.Select(AskSessionState));
        var closed = overdue.Where((_, i) => states[i] is SessionState.None or SessionState.Ended or SessionState.Expired).ToList();
        if (closed.Count == 0) return false;

        closed.ForEach(id => state.State.OpenSessions.Remove(id));
        await state.WriteStateAsync();
        logger.LogInformation("User {UserKey}: reconciled {Count} closed session(s)", this.GetPrimaryKeyString(), closed.Count);
        return true;
    }

    // A session that cannot answer now is kept open: refusing is safer than exceeding the cap.
    private async Task<SessionState?> AskSessionState(string sessionId)
    {
        try
        {
            var snapshot = await GrainFactory.GetGrain<ISessionGrain>(sessionId).GetSnapshot();
            return snapshot?.State ?? SessionState.None;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "User {UserKey}: session {SessionId} did not answer", this.GetPrimaryKeyString(), sessionId);
            return null;
        }
    }
}
