namespace Realtime.Silo.Users;

/// <summary>
/// A user's open sessions, over the two collections of its <see cref="UserRecord"/>:
/// <list type="bullet">
/// <item>Issued sessions (minted, not yet live) are counted by the second their secret expires. Their ids are not
/// needed: an issued session that never goes live is over when its secret expires, since nobody can start a call
/// with an expired secret, so the clock alone closes it (<see cref="DropExpiredIssued"/>), counting it until
/// <c>⌈expiry⌉</c>, on the safe side. When one goes live or closes early, its session says so with its expiry.</item>
/// <item>Live sessions are kept by id (session id → when its secret expired): they stay open until their session
/// says it is over, or until the user grain asks it (<see cref="Overdue"/>).</item>
/// </list>
/// </summary>
/// <param name="issued">Issued sessions: unix second their secret expires → sessions; changed in place.</param>
/// <param name="live">Live sessions: id → secret expiry; changed in place.</param>
public sealed class OpenSessionSet(Dictionary<long, int> issued, Dictionary<string, DateTimeOffset> live)
{
    public OpenSessionSet()
        : this([], [])
    {
    }

    /// <summary>Every open session: issued and live.</summary>
    public int Count => live.Count + IssuedCount;

    public int IssuedCount => issued.Total();

    /// <summary>The live sessions' ids.</summary>
    public IEnumerable<string> LiveIds => live.Keys;

    public bool IsLive(string sessionId) => live.ContainsKey(sessionId);

    /// <summary>Counts a newly issued session until its secret expires.</summary>
    public void AddIssued(DateTimeOffset expiresAt) => issued.AddOne(SecondCounts.SecondOf(expiresAt));

    /// <summary>An issued session went live or closed before its secret expired; false when none was counted for that expiry.</summary>
    public bool RemoveIssued(DateTimeOffset expiresAt) => issued.RemoveOne(SecondCounts.SecondOf(expiresAt));

    /// <summary>Closes the issued sessions whose secret expired by <paramref name="now"/>; answers how many.</summary>
    public int DropExpiredIssued(DateTimeOffset now) => issued.RemoveThrough(SecondCounts.SecondAtOrBefore(now));

    /// <summary>Opens a live session; false (and nothing changes) when it is open already.</summary>
    public bool AddLive(string sessionId, DateTimeOffset expiresAt) => live.TryAdd(sessionId, expiresAt);

    /// <summary>Closes a live session; false when it was not open.</summary>
    public bool RemoveLive(string sessionId) => live.Remove(sessionId);

    /// <summary>The earliest secret expiry of the open sessions (a scan: only asked when refusing).</summary>
    public DateTimeOffset? EarliestExpiry()
    {
        DateTimeOffset? earliest = issued.Count > 0 ? SecondCounts.TimeOf(issued.Keys.Min()) : null;
        foreach (var expiresAt in live.Values)
        {
            if (earliest is null || expiresAt < earliest) earliest = expiresAt;
        }
        return earliest;
    }

    /// <summary>
    /// The live sessions whose secrets expired by <paramref name="now"/>: those whose closing the user grain may
    /// have missed (issued ones are closed by the clock).
    /// </summary>
    public List<string> Overdue(DateTimeOffset now) => [.. live.Where(s => s.Value <= now).Select(s => s.Key)];
}
