namespace Realtime.Silo.Users;

/// <summary>
/// A user's spent grants over the last hour, as runs of (unix second, count) in ascending order: at most one run
/// per second, so the size is bounded by the hour (3,600 runs) whatever the limits, and nothing is sorted or
/// copied to count a window.
/// <para>
/// Exact to the second, on the safe side: a grant reserved at <c>t</c> counts from the next whole second
/// <c>⌈t⌉</c>, so it leaves a window at <c>⌈t⌉ + window</c>, up to one second after <c>t + window</c>. A window
/// therefore never holds more grants than its limit; a retry may wait up to one second longer than with exact
/// timestamps. A grant reserved at a whole second is counted exactly.
/// </para>
/// </summary>
public sealed class GrantLog
{
    private readonly SecondRuns _runs;

    /// <summary>Takes <paramref name="runs"/> as they were persisted (ascending seconds) and keeps using the same list.</summary>
    public GrantLog(List<SecondRun>? runs = null) => _runs = new SecondRuns(runs);

    /// <summary>The runs, oldest first: the list to persist.</summary>
    public List<SecondRun> Runs => _runs.Runs;

    public int Total => _runs.Total;

    /// <summary>The whole unix second a grant reserved at <paramref name="at"/> counts from: <c>⌈at⌉</c>.</summary>
    public static long SecondOf(DateTimeOffset at) => SecondRuns.SecondOf(at);

    public static DateTimeOffset TimeOf(long second) => SecondRuns.TimeOf(second);

    /// <summary>Spends one grant reserved at <paramref name="reservedAt"/>. Usually appends to the last run.</summary>
    public void Add(DateTimeOffset reservedAt) => _runs.Add(SecondOf(reservedAt));

    /// <summary>Gives back one grant reserved at <paramref name="reservedAt"/>; false when none is counted in its second.</summary>
    public bool Remove(DateTimeOffset reservedAt) => _runs.RemoveOne(SecondOf(reservedAt));

    /// <summary>Drops the runs that no window of at most <paramref name="longest"/> can count any more.</summary>
    public void Prune(DateTimeOffset now, TimeSpan longest) => _runs.DropThrough(LastSecondAtOrBefore(now - longest));

    // A run at a whole second s has left every window ending after s + window: s ≤ ⌊now − window⌋.
    private static long LastSecondAtOrBefore(DateTimeOffset at) => (long)Math.Floor((at - DateTimeOffset.UnixEpoch).TotalSeconds);

    /// <summary>
    /// Grants counted in the window of length <paramref name="window"/> ending at <paramref name="now"/>. Walks
    /// only the runs inside the window from the newest end (≤ 61 for a minute), or only the runs outside it
    /// from the oldest end (none once pruned) when the window is at least <paramref name="prunedTo"/>.
    /// </summary>
    public int CountWithin(DateTimeOffset now, TimeSpan window, TimeSpan prunedTo)
    {
        var runs = _runs.Runs;
        if (window >= prunedTo)
        {
            var outside = 0;
            for (var i = 0; i < runs.Count && !Counts(runs[i].Second, now, window); i++) outside += runs[i].Count;
            return _runs.Total - outside;
        }

        var inside = 0;
        for (var i = runs.Count - 1; i >= 0 && Counts(runs[i].Second, now, window); i--) inside += runs[i].Count;
        return inside;
    }

    /// <summary>The runs counted in the window, oldest first (for a Retry-After, only when refusing).</summary>
    public IEnumerable<SecondRun> RunsWithin(DateTimeOffset now, TimeSpan window) => _runs.Runs.Where(run => Counts(run.Second, now, window));

    // A grant counts while it is younger than the window: one exactly a window old has left it.
    private static bool Counts(long second, DateTimeOffset now, TimeSpan window) => TimeOf(second) > now - window;
}
