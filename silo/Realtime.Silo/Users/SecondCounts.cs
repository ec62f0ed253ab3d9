namespace Realtime.Silo.Users;

/// <summary>
/// Counts per whole unix second in a plain dictionary (second → count), how a user's grants and issued sessions are
/// kept: a record then grows with the seconds it spans (at most an hour of them), not with how many it counts.
/// </summary>
public static class SecondCounts
{
    /// <summary>The whole unix second at or after <paramref name="at"/> (<c>⌈at⌉</c>): counting from it is on the safe side.</summary>
    public static long SecondOf(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
    }

    /// <summary>The whole unix second at or before <paramref name="at"/> (<c>⌊at⌋</c>).</summary>
    public static long SecondAtOrBefore(DateTimeOffset at) =>
        (long)Math.Floor((at - DateTimeOffset.UnixEpoch).TotalSeconds);

    public static DateTimeOffset TimeOf(long second) => DateTimeOffset.UnixEpoch.AddSeconds(second);

    /// <summary>Counts one more at <paramref name="second"/>.</summary>
    public static void AddOne(this Dictionary<long, int> counts, long second)
    {
        ArgumentNullException.ThrowIfNull(counts);
        counts[second] = counts.GetValueOrDefault(second) + 1;
    }

    /// <summary>Counts one less at <paramref name="second"/>; false when nothing is counted there.</summary>
    public static bool RemoveOne(this Dictionary<long, int> counts, long second)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (!counts.TryGetValue(second, out var count)) return false;
        if (count == 1) counts.Remove(second);
        else counts[second] = count - 1;
        return true;
    }

    /// <summary>Drops the counts up to and including <paramref name="lastSecond"/>; answers how many were counted there.</summary>
    public static int RemoveThrough(this Dictionary<long, int> counts, long lastSecond)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var dropped = 0;
        foreach (var (second, count) in counts)
        {
            if (second > lastSecond) continue;
            dropped += count;
            counts.Remove(second);
        }
        return dropped;
    }

    public static int Total(this Dictionary<long, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = 0;
        foreach (var count in counts.Values) total += count;
        return total;
    }
}
