namespace Realtime.Silo.Users;

/// <summary>
/// A user's spent grants over the last hour, as runs of (unix second, count) in ascending order: at most one run
/// per second, so the size is bounded by the hour (3,600 runs) whatever the limits, and nothing is sorted or
/// copied to count a window.
/// <para>
/// Exact to the second, on the safe side: a grant reserved at <c>t</c> counts from the next whole second
/// <c>⌈t⌉</c>, so it leaves a window at <c>⌈t⌉ + window</c>, up to one second after <c>t + window</c>. A window
/// therefore never holds more grants than its limit; a retry may wait up to one second longer than with exact
/// timestamps. A grant at a whole second is counted exactly as before.
/// </para>
/// </summary>
public sealed class GrantLog
{
    private readonly List<GrantRun> _runs;
    private int _total;

    /// <summary>Takes <paramref name="runs"/> as they were persisted (ascending seconds) and keeps using the same list.</summary>
    public GrantLog(List<GrantRun>? runs = null)
    {
        _runs = runs ?? [];
        foreach (var run in _runs) _total += run.Count;
    }

    /// <summary>The runs, oldest first: the list to persist.</summary>
    public List<GrantRun> Runs => _runs;

    public int Total => _total;

    /// <summary>The whole unix second a grant reserved at <paramref name="at"/> counts from: <c>⌈at⌉</c>.</summary>
    public static long SecondOf(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
    }

    public static DateTimeOffset TimeOf(long second) => DateTimeOffset.UnixEpoch.AddSeconds(second);

    /// <summary>Spends one grant reserved at <paramref name="reservedAt"/>. Usually appends to the last run.</summary>
    public void Add(DateTimeOffset reservedAt)
    {
        var second = SecondOf(reservedAt);
        _total++;
        // Commits may arrive out of reservation order: search from the newest end, where the second nearly always is.
        var i = _runs.Count - 1;
        while (i >= 0 && _runs[i].Second > second) i--;
        if (i >= 0 && _runs[i].Second == second) _runs[i] = _runs[i] with { Count = _runs[i].Count + 1 };
        else _runs.Insert(i + 1, new GrantRun(second, 1));
    }

    /// <summary>Drops the runs that no window of at most <paramref name="longest"/> can count any more.</summary>
    public void Prune(DateTimeOffset now, TimeSpan longest)
    {
        var drop = 0;
        while (drop < _runs.Count && !Counts(_runs[drop].Second, now, longest))
        {
            _total -= _runs[drop].Count;
            drop++;
        }
        if (drop > 0) _runs.RemoveRange(0, drop);
    }

    /// <summary>
    /// Grants counted in the window of length <paramref name="window"/> ending at <paramref name="now"/>. Walks
    /// only the runs inside the window from the newest end (≤ 61 for a minute), or only the runs outside it
    /// from the oldest end (none once pruned) when the window is at least <paramref name="prunedTo"/>.
    /// </summary>
    public int CountWithin(DateTimeOffset now, TimeSpan window, TimeSpan prunedTo)
    {
        if (window >= prunedTo)
        {
            var outside = 0;
            for (var i = 0; i < _runs.Count && !Counts(_runs[i].Second, now, window); i++) outside += _runs[i].Count;
            return _total - outside;
        }

        var inside = 0;
        for (var i = _runs.Count - 1; i >= 0 && Counts(_runs[i].Second, now, window); i--) inside += _runs[i].Count;
        return inside;
    }

    /// <summary>The runs counted in the window, oldest first (for a Retry-After, only when refusing).</summary>
    public IEnumerable<GrantRun> RunsWithin(DateTimeOffset now, TimeSpan window) => _runs.Where(run => Counts(run.Second, now, window));

    // A grant counts while it is younger than the window: one exactly a window old has left it.
    private static bool Counts(long second, DateTimeOffset now, TimeSpan window) => TimeOf(second) > now - window;
}
