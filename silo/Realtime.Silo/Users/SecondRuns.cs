namespace Realtime.Silo.Users;

/// <summary>
/// Counts per whole unix second, as runs in ascending order with at most one run per second: the persisted form
/// of a user's grants and issued sessions. Its size is bounded by the span of seconds it covers, not by how many
/// things it counts, so a write costs the same after ten grants or ten thousand.
/// </summary>
public sealed class SecondRuns
{
    private readonly List<SecondRun> _runs;
    private int _total;

    /// <summary>Takes <paramref name="runs"/> as they were persisted (ascending seconds) and keeps using the same list.</summary>
    public SecondRuns(List<SecondRun>? runs = null)
    {
        _runs = runs ?? [];
        foreach (var run in _runs) _total += run.Count;
    }

    /// <summary>The runs, oldest first: the list to persist.</summary>
    public List<SecondRun> Runs => _runs;

    public int Total => _total;

    /// <summary>The first second counted, or null when nothing is.</summary>
    public long? FirstSecond => _runs.Count > 0 ? _runs[0].Second : null;

    /// <summary>The whole unix second at or after <paramref name="at"/>: <c>⌈at⌉</c>.</summary>
    public static long SecondOf(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
    }

    public static DateTimeOffset TimeOf(long second) => DateTimeOffset.UnixEpoch.AddSeconds(second);

    /// <summary>Counts one more at <paramref name="second"/>. Usually appends to the last run.</summary>
    public void Add(long second)
    {
        _total++;
        // Seconds arrive nearly in order: search from the newest end, where the second nearly always is.
        var i = _runs.Count - 1;
        while (i >= 0 && _runs[i].Second > second) i--;
        if (i >= 0 && _runs[i].Second == second) _runs[i] = _runs[i] with { Count = _runs[i].Count + 1 };
        else _runs.Insert(i + 1, new SecondRun(second, 1));
    }

    /// <summary>Counts one less at <paramref name="second"/>; false when nothing is counted there.</summary>
    public bool RemoveOne(long second)
    {
        var i = _runs.BinarySearch(new SecondRun(second, 0), BySecond.Instance);
        if (i < 0) return false;
        _total--;
        if (_runs[i].Count == 1) _runs.RemoveAt(i);
        else _runs[i] = _runs[i] with { Count = _runs[i].Count - 1 };
        return true;
    }

    /// <summary>Drops the runs up to and including <paramref name="lastSecond"/>; answers how many were counted there.</summary>
    public int DropThrough(long lastSecond)
    {
        var runs = 0;
        var dropped = 0;
        while (runs < _runs.Count && _runs[runs].Second <= lastSecond) dropped += _runs[runs++].Count;
        if (runs > 0) _runs.RemoveRange(0, runs);
        _total -= dropped;
        return dropped;
    }

    private sealed class BySecond : IComparer<SecondRun>
    {
        public static readonly BySecond Instance = new();

        public int Compare(SecondRun x, SecondRun y) => x.Second.CompareTo(y.Second);
    }
}
