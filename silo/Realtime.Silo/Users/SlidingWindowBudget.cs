using Realtime.Shared.Users;

namespace Realtime.Silo.Users;

/// <summary>
/// The arithmetic of a user's budgets over exact sliding windows, kept free of Orleans so it is tested alone.
/// It sees one moment: committed grants (when each was reserved), reservations in flight, and the secret
/// expiries of open sessions. A reservation in flight counts in every window and as an open session, because
/// it may become a grant and a session at any moment.
/// </summary>
public sealed class SlidingWindowBudget
{
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// Retry-After at the session cap when no open session has a future expiry (sessions that outlived their
    /// secret end when their owner or an idle timeout says so, which no clock here predicts).
    /// </summary>
    public static readonly TimeSpan SessionCapFallbackRetry = TimeSpan.FromSeconds(5);

    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset[] _grants;
    private readonly DateTimeOffset[] _pending;
    private readonly DateTimeOffset[] _sessionExpiries;

    public SlidingWindowBudget(
        DateTimeOffset now,
        IEnumerable<DateTimeOffset> grants,
        IEnumerable<DateTimeOffset> pending,
        IEnumerable<DateTimeOffset> sessionExpiries)
    {
        _now = now;
        _grants = [.. grants.Order()];
        _pending = [.. pending.Order()];
        _sessionExpiries = [.. sessionExpiries.Order()];
    }

    public int LastMinute => CountedIn(Minute).Count;

    public int LastHour => CountedIn(Hour).Count;

    public int OpenSessions => _sessionExpiries.Length + _pending.Length;

    /// <summary>Checks per_minute, then per_hour, then concurrent_sessions; the first one full refuses.</summary>
    public BudgetDecision Decide(UserLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return CheckWindow(LimitName.PerMinute, limits.PerMinute, Minute)
            ?? CheckWindow(LimitName.PerHour, limits.PerHour, Hour)
            ?? CheckSessions(limits.ConcurrentSessions)
            ?? BudgetDecision.Allow;
    }

    /// <summary>Rounds a wait up to whole seconds (Retry-After has no fractions), and never below one second.</summary>
    public static TimeSpan RoundUp(TimeSpan wait)
    {
        var seconds = (wait.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }

    // An entry counts while it is younger than the window: one exactly a window old has left it.
    private List<DateTimeOffset> CountedIn(TimeSpan window) =>
        [.. _grants.Where(at => at > _now - window).Concat(_pending).Order()];

    private BudgetDecision? CheckWindow(string limit, int max, TimeSpan window)
    {
        var counted = CountedIn(window);
        if (counted.Count < max) return null;
        if (counted.Count == 0) return BudgetDecision.Refuse(limit, window);

        // The entry whose departure brings the count under the limit: the oldest one, unless the limit was
        // lowered below what is already counted.
        var freeing = counted[Math.Min(counted.Count - Math.Max(max, 1), counted.Count - 1)];
        return BudgetDecision.Refuse(limit, RoundUp(freeing + window - _now));
    }

    private BudgetDecision? CheckSessions(int max)
    {
        if (OpenSessions < max) return null;
        var wait = _sessionExpiries.Length > 0 && _sessionExpiries[0] > _now
            ? _sessionExpiries[0] - _now
            : SessionCapFallbackRetry;
        return BudgetDecision.Refuse(LimitName.ConcurrentSessions, RoundUp(wait));
    }
}
