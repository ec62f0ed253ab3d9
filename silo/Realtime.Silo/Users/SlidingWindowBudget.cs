using Realtime.Shared.Users;

namespace Realtime.Silo.Users;

/// <summary>
/// The arithmetic of a user's budgets over sliding windows, kept free of Orleans so it is tested alone. It sees
/// one moment: spent grants, counted per second from <c>⌈t⌉</c> (<see cref="SecondCounts"/>), and the open
/// sessions. A grant therefore leaves a window up to one second after <c>t + window</c>, never before: a window
/// never holds more grants than its limit. A view: it copies nothing. (A reservation spends its unit at once and gives it back if upstream fails, so there is no
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
    private readonly Dictionary<long, int> _grants;
    private readonly OpenSessionSet _sessions;

    /// <param name="now">The moment the budget is seen at.</param>
    /// <param name="grants">Spent grants: the unix second a grant counts from → grants (<see cref="UserRecord.Grants"/>).</param>
    /// <param name="sessions">The open sessions.</param>
    public SlidingWindowBudget(DateTimeOffset now, Dictionary<long, int> grants, OpenSessionSet sessions)
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

    public int LastMinute => CountWithin(Minute);

    public int LastHour => CountWithin(Hour);

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
        var count = CountWithin(window);
        if (count < max) return null;
        if (count == 0) return BudgetDecision.Refuse(limit, window);

        // The entry whose departure brings the count under the limit: the oldest one, unless the limit was
        // lowered below what is already counted.
        var freeing = NthOldest(window, Math.Min(count - Math.Max(max, 1), count - 1));
        return BudgetDecision.Refuse(limit, RoundUp(freeing + window - _now));
    }

    private int CountWithin(TimeSpan window)
    {
        var count = 0;
        foreach (var (second, grants) in _grants)
        {
            if (Counts(second, window)) count += grants;
        }
        return count;
    }

    // The n-th (0-based) oldest of the grants in the window (sorted only when refusing).
    private DateTimeOffset NthOldest(TimeSpan window, int n)
    {
        foreach (var (second, grants) in _grants.Where(g => Counts(g.Key, window)).OrderBy(g => g.Key))
        {
            if (n < grants) return SecondCounts.TimeOf(second);
            n -= grants;
        }
        throw new InvalidOperationException("The window holds fewer grants than counted.");
    }

    // A grant counts while it is younger than the window: one exactly a window old has left it.
    private bool Counts(long second, TimeSpan window) => SecondCounts.TimeOf(second) > _now - window;

    private BudgetDecision? CheckSessions(int max)
    {
        if (OpenSessions < max) return null;
        var wait = _sessions.EarliestExpiry() is { } earliest && earliest > _now
            ? earliest - _now
            : SessionCapFallbackRetry;
        return BudgetDecision.Refuse(LimitName.ConcurrentSessions, RoundUp(wait));
    }

    private static Dictionary<long, int> Log(IEnumerable<DateTimeOffset> grants)
    {
        var log = new Dictionary<long, int>();
        foreach (var at in grants) log.AddOne(SecondCounts.SecondOf(at));
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
