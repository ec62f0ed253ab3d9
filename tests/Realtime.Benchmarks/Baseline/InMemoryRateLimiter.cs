using System.Collections.Concurrent;

namespace Realtime.Benchmarks.Baseline;

/// <summary>
/// The seed guide's per-user in-memory rate limit (docs/design.md §Seed guide): exact sliding windows (a minute and an hour) of grant
/// times per user, in this process only. No session tracking, nothing shared between nodes, lost on restart.
/// </summary>
public sealed class InMemoryRateLimiter(int perMinute, int perHour, TimeProvider clock)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Window> _users = new(StringComparer.Ordinal);

    /// <summary>Takes one unit of the user's budgets, or says how long until one frees up.</summary>
    public bool TryAcquire(string userKey, out TimeSpan retryAfter)
    {
        var window = _users.GetOrAdd(userKey, static _ => new Window());
        var now = clock.GetUtcNow();
        lock (window)
        {
            Drop(window.LastMinute, now - Minute);
            Drop(window.LastHour, now - Hour);
            if (window.LastMinute.Count >= perMinute) return Refuse(window.LastMinute.Peek() + Minute - now, out retryAfter);
            if (window.LastHour.Count >= perHour) return Refuse(window.LastHour.Peek() + Hour - now, out retryAfter);
            window.LastMinute.Enqueue(now);
            window.LastHour.Enqueue(now);
        }
        retryAfter = TimeSpan.Zero;
        return true;
    }

    private static void Drop(Queue<DateTimeOffset> times, DateTimeOffset leftBefore)
    {
        while (times.Count > 0 && times.Peek() <= leftBefore) times.Dequeue();
    }

    private static bool Refuse(TimeSpan wait, out TimeSpan retryAfter)
    {
        retryAfter = wait;
        return false;
    }

    private sealed class Window
    {
        public Queue<DateTimeOffset> LastMinute { get; } = new();

        public Queue<DateTimeOffset> LastHour { get; } = new();
    }
}
