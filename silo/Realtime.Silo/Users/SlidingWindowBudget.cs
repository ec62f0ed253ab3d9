using Realtime.Shared.Users;

namespace Realtime.Silo.Users;

/// <summary>
/// The arithmetic of a user's budgets over sliding windows, kept free of Orleans so it is tested alone. It sees
/// one moment: spent grants (<see cref="GrantLog"/>, per second) and the open sessions. A view: it copies and
/// sorts nothing. (A reservation spends its unit at once and gives it back if upstream fails, so there is no
/// "in flight" count to add.)
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
    private readonly GrantLog _grants;
    private readonly OpenSessionSet _sessions;

    public SlidingWindowBudget(DateTimeOffset now, GrantLog grants, OpenSessionSet sessions)
    {
        _now = now;
        _grants = grants;
        _sessions = sessions;
    }

    /// <summary>From plain lists (tests): grants are counted per second like the grain counts them.</summary>
    public SlidingWindowBudget(
        DateTimeOffset now,
        IEnumerable<DateTimeOffset> grants,
        IEnumerable<DateTimeOffset> sessionExpiries)
        : this(now, Log(grants), Sessions(sessionExpiries))
    {
    }

    public int LastMinute => _grants.CountWithin(_now, Minute, Hour);

    public int LastHour => _grants.CountWithin(_now, Hour, Hour);

    public int OpenSessions => _sessions.Count;

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

    private BudgetDecision? CheckWindow(string limit, int max, TimeSpan window)
    {
        var count = _grants.CountWithin(_now, window, Hour);
        if (count < max) return null;
        if (count == 0) return BudgetDecision.Refuse(limit, window);

        // The entry whose departure brings the count under the limit: the oldest one, unless the limit was
        // lowered below what is already counted.
        var freeing = NthOldest(window, Math.Min(count - Math.Max(max, 1), count - 1));
        return BudgetDecision.Refuse(limit, RoundUp(freeing + window - _now));
    }

    // The n-th (0-based) oldest of the grants in the window.
    private DateTimeOffset NthOldest(TimeSpan window, int n)
    {
        foreach (var run in _grants.RunsWithin(_now, window))
        {
            if (n < run.Count) return GrantLog.TimeOf(run.Second);
            n -= run.Count;
        }
        throw new InvalidOperationException("The window holds fewer grants than counted.");
    }

    private BudgetDecision? CheckSessions(int max)
    {
        if (OpenSessions < max) return null;
        var wait = _sessions.EarliestExpiry() is { } earliest && earliest > _now
            ? earliest - _now
            : SessionCapFallbackRetry;
        return BudgetDecision.Refuse(LimitName.ConcurrentSessions, RoundUp(wait));
    }

    private static GrantLog Log(IEnumerable<DateTimeOffset> grants)
    {
        var log = new GrantLog();
        foreach (var at in grants) log.Add(at);
        return log;
    }

    private static OpenSessionSet Sessions(IEnumerable<DateTimeOffset> expiries)
    {
        var sessions = new OpenSessionSet();
        var i = 0;
        foreach (var expiresAt in expiries) sessions.AddLive($"ses_{i++}", expiresAt);
        return sessions;
    }
}
