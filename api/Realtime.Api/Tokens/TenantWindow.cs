namespace Realtime.Api.Tokens;

/// <summary>
/// One node's grants for one tenant over the last minute, in one-second buckets, plus the latest sum the
/// other nodes reported. Not thread-safe: <see cref="TenantRateGate"/> locks it.
/// </summary>
public sealed class TenantWindow
{
    public const int Seconds = 60;

    private readonly int[] _counts = new int[Seconds];
    private readonly long[] _stamps = new long[Seconds];

    /// <summary>The other nodes' grants in the last minute as of the last report (0 until first heard).</summary>
    public int Others { get; set; }

    /// <summary>Whether <see cref="Others"/> has been learned from the cluster at least once.</summary>
    public bool Primed { get; set; }

    /// <summary>Set when the local count changed since it was last reported.</summary>
    public bool Dirty { get; set; }

    public long LastUsedSecond { get; private set; }

    public int LocalCount(long nowSecond)
    {
        var total = 0;
        for (var i = 0; i < Seconds; i++)
            if (_stamps[i] > nowSecond - Seconds) total += _counts[i];
        return total;
    }

    public void Add(long second, int delta)
    {
        var slot = (int)(second % Seconds);
        if (_stamps[slot] != second)
        {
            // Only a return for a second that already left the window can find the slot reused; ignore it.
            if (delta < 0) return;
            _stamps[slot] = second;
            _counts[slot] = 0;
        }
        _counts[slot] = Math.Max(0, _counts[slot] + delta);
        LastUsedSecond = Math.Max(LastUsedSecond, second);
        Dirty = true;
    }

    /// <summary>Seconds until the oldest local grant leaves the window (1 when none is local).</summary>
    public int SecondsUntilOldestLeaves(long nowSecond)
    {
        var oldest = long.MaxValue;
        for (var i = 0; i < Seconds; i++)
            if (_counts[i] > 0 && _stamps[i] > nowSecond - Seconds) oldest = Math.Min(oldest, _stamps[i]);
        return oldest == long.MaxValue ? 1 : (int)Math.Max(1, oldest + Seconds - nowSecond);
    }
}
