using Microsoft.Extensions.Logging;
using Realtime.Shared.Logging;
using Realtime.Shared.Sessions;
using Realtime.Shared.Users;
using Realtime.Silo.Sessions;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Users;

/// <summary>
/// One user's budgets and open sessions (key "{tid}/{sub}"). Not reentrant: calls run one at a time, which is
/// what makes the counts exact under any concurrency.
/// <para>
/// A reservation is optimistic: it spends the unit and issues the planned session (<see cref="SessionIssuer"/>:
/// its record is written, no session grain is activated) at once, durably, so a mint that succeeds upstream costs
/// one call to this grain; a failed one comes back to <see cref="Release"/>. An api node that dies between the
/// two leaves the unit spent and the session issued until its planned expiry: on the safe side, since upstream
/// may have minted the secret. An issued session that never goes live frees the slot when its secret expires,
/// by the clock; a session that goes live tells this grain, and then holds the slot until it tells this grain it
/// is over. This grain only awaits session grains when it reconciles at the session cap; session grains only
/// ever notify it one-way, so the two can never wait on each other.
/// </para>
/// </summary>
public sealed partial class UserGrain(
    DirectStates states,
    SessionIssuer sessions,
    SessionCensus census,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    /// <summary>The name the user record is stored under.</summary>
    public const string StateName = "user";

    private DirectPersistentState<UserRecord> _state = null!;
    private OpenSessionSet _sessions = null!;
    private string _tenantId = null!;
    private string _userId = null!;

    private Dictionary<long, int> Grants => _state.State.Grants;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _userId) = UserKey.Parse(this.GetPrimaryKeyString());
        _state = await states.ReadAsync<UserRecord>(StateName, this.GetGrainId());
        _sessions = new OpenSessionSet(_state.State.Issued, _state.State.Live);
    }

    public async Task<Reservation> Reserve(UserLimits limits, SessionGrant planned)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(planned);
        var now = PruneAndNow();
        var decision = Budget(now).Decide(limits);

        // At the session cap, first repair what lost notifications or lost timers may have left open.
        if (decision.RefusedBy == LimitName.ConcurrentSessions && await ReconcileOverdueSessions())
        {
            now = PruneAndNow();
            decision = Budget(now).Decide(limits);
        }

        if (!decision.Allowed)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                LogRefused(logger, LogText.Escape(this.GetPrimaryKeyString()), decision.RefusedBy, decision.RetryAfter);
            }
            return Reservation.Refuse(decision.RefusedBy!, decision.RetryAfter);
        }

        // The session's record first: if that write fails, nothing is spent; if the user record's write fails
        // after it, the session exists unused and simply expires. A session already issued means a repeated
        // call, which spends nothing twice.
        if (await sessions.IssueAsync(planned.SessionId, new SessionStart(_tenantId, _userId, planned.Model, planned.Type, now, planned.ExpiresAt)))
        {
            _sessions.AddIssued(planned.ExpiresAt);
            Grants.AddOne(SecondCounts.SecondOf(now));
            await Save();
            census.Issued(planned.ExpiresAt);
        }
        return Reservation.Grant(now);
    }

    public async Task Release(SessionGrant planned, DateTimeOffset reservedAt)
    {
        ArgumentNullException.ThrowIfNull(planned);
        PruneAndNow();

        // The record goes first and decides: a second release finds none, and gives nothing back twice.
        if (!await sessions.WithdrawAsync(planned.SessionId)) return;
        StopCountingIssued(planned.ExpiresAt);
        Grants.RemoveOne(SecondCounts.SecondOf(reservedAt));
        await Save();
    }

    public async Task MoveExpiry(SessionGrant planned, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(planned);
        PruneAndNow();
        if (!await sessions.MoveExpiryAsync(planned.SessionId, expiresAt)) return;
        StopCountingIssued(planned.ExpiresAt);
        _sessions.AddIssued(expiresAt);
        census.Issued(expiresAt);
        await Save();
    }

    public async Task SessionLive(string sessionId, DateTimeOffset expiresAt)
    {
        PruneAndNow();
        if (!_sessions.AddLive(sessionId, expiresAt)) return; // told before
        // Counted as issued until now, unless the notice came after the secret's expiry dropped it.
        StopCountingIssued(expiresAt);
        await Save();
    }

    public async Task SessionClosed(string sessionId, DateTimeOffset expiresAt)
    {
        var now = PruneAndNow();
        if (!_sessions.RemoveLive(sessionId))
        {
            // Closed before it went live: ended by its owner while issued (an expired one was dropped by the clock).
            if (expiresAt <= now || !_sessions.RemoveIssued(expiresAt)) return;
            census.NoLongerIssued(expiresAt);
        }
        await Save();
    }

    public Task<UserUsage> GetUsage()
    {
        var budget = Budget(PruneAndNow());
        return Task.FromResult(new UserUsage(budget.LastMinute, budget.LastHour, budget.OpenSessions));
    }

    // An issued session went live, closed, was withdrawn or moved: neither this grain nor the census counts it
    // at that expiry any more (unless the clock dropped it already).
    private void StopCountingIssued(DateTimeOffset expiresAt)
    {
        if (_sessions.RemoveIssued(expiresAt)) census.NoLongerIssued(expiresAt);
    }

    private SlidingWindowBudget Budget(DateTimeOffset now) => new(now, Grants, _sessions);

    // A failed write leaves memory ahead of storage: the activation goes, and the next one reads what storage holds.
    private async Task Save()
    {
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    // Drops what no window can count any more (a grant counted from second s has left every window ending after
    // s + window), and issued sessions whose secret expired unused. Not written here: the next write carries it.
    private DateTimeOffset PruneAndNow()
    {
        var now = time.GetUtcNow();
        Grants.RemoveThrough(SecondCounts.SecondAtOrBefore(now - SlidingWindowBudget.Hour));
        _sessions.DropExpiredIssued(now);
        return now;
    }

    /// <summary>
    /// Asks every live session whose secret expired how it is (its closing notice may have been lost), and forgets
    /// those that are over (or never started). Returns whether any slot was freed.
    /// </summary>
    private async Task<bool> ReconcileOverdueSessions()
    {
        var overdue = _sessions.Overdue(time.GetUtcNow());
        if (overdue.Count == 0) return false;

        var states = await Task.WhenAll(overdue.Select(AskSessionState));
        var closed = overdue.Where((_, i) => states[i] is SessionState.None or SessionState.Ended or SessionState.Expired).ToList();
        if (closed.Count == 0) return false;

        closed.ForEach(id => _sessions.RemoveLive(id));
        await Save();
        LogReconciled(logger, LogText.Escape(this.GetPrimaryKeyString()), closed.Count);
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
            LogSessionSilent(logger, ex, LogText.Escape(this.GetPrimaryKeyString()), sessionId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserKey}: reconciled {Count} closed session(s)")]
    private static partial void LogReconciled(ILogger logger, string? userKey, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserKey}: session {SessionId} did not answer")]
    private static partial void LogSessionSilent(ILogger logger, Exception exception, string? userKey, string sessionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "User {UserKey} refused by {Limit}, retry after {RetryAfter}")]
    private static partial void LogRefused(ILogger logger, string? userKey, string? limit, TimeSpan retryAfter);
}
