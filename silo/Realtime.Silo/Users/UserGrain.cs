using Microsoft.Extensions.Logging;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Users;

/// <summary>
/// One user's budgets and open sessions (key "{tid}/{sub}"). Not reentrant: calls run one at a time, which is
/// what makes the counts exact under any concurrency. This grain only awaits session grains when it reconciles
/// at the session cap; session grains only ever notify it one-way, so the two can never wait on each other.
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

    private GrantLog _grants = null!;
    private OpenSessionSet _sessions = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var record = state.State;
        _grants = new GrantLog(record.GrantRuns);
        _sessions = OpenSessionSet.Decode(record.SessionLog.Span);

        // A record in the earlier format (a timestamp per grant, a dictionary of sessions) moves over; the
        // next write stores the compact form only.
        foreach (var at in record.Grants) _grants.Add(at);
        foreach (var (sessionId, expiresAt) in record.OpenSessions) _sessions.Add(sessionId, expiresAt);
        record.Grants = [];
        record.OpenSessions = [];
        return Task.CompletedTask;
    }

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
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("User {UserKey} refused by {Limit}, retry after {RetryAfter}",
                    this.GetPrimaryKeyString(), decision.RefusedBy, decision.RetryAfter);
            }
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
        if (_sessions.Add(grant.SessionId, grant.ExpiresAt))
        {
            _grants.Add(reservedAt);
            await Save();
        }
    }

    public Task Release(Guid reservationId)
    {
        _pending.Remove(reservationId);
        return Task.CompletedTask;
    }

    public async Task SessionClosed(string sessionId)
    {
        if (_sessions.Remove(sessionId))
        {
            await Save();
        }
    }

    public Task<UserUsage> GetUsage()
    {
        var budget = Budget(PruneAndNow());
        return Task.FromResult(new UserUsage(budget.LastMinute, budget.LastHour, budget.OpenSessions, _pending.Count));
    }

    private SlidingWindowBudget Budget(DateTimeOffset now) => new(now, _grants, _pending.Values, _sessions);

    // The record is the compact state as it is now; its lists are the ones this grain keeps in memory.
    private Task Save()
    {
        state.State.GrantRuns = _grants.Runs;
        state.State.SessionLog = _sessions.Encoded;
        return state.WriteStateAsync();
    }

    // Drops what no window can count any more. Not written here: the next write carries the trimmed runs.
    private DateTimeOffset PruneAndNow()
    {
        var now = time.GetUtcNow();
        _grants.Prune(now, SlidingWindowBudget.Hour);
        if (_pending.Count > 0)
        {
            foreach (var (id, reservedAt) in _pending)
            {
                if (reservedAt <= now - PendingLifetime) _pending.Remove(id);
            }
        }

        return now;
    }

    /// <summary>
    /// Asks every open session whose secret expired how it is, and forgets those that are over (or never
    /// started). Returns whether any slot was freed.
    /// </summary>
    private async Task<bool> ReconcileOverdueSessions()
    {
        var overdue = _sessions.ExpiredBy(time.GetUtcNow());
        if (overdue.Count == 0) return false;

        var states = await Task.WhenAll(overdue.Select(AskSessionState));
        var closed = overdue.Where((_, i) => states[i] is SessionState.None or SessionState.Ended or SessionState.Expired).ToList();
        if (closed.Count == 0) return false;

        closed.ForEach(id => _sessions.Remove(id));
        await Save();
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
