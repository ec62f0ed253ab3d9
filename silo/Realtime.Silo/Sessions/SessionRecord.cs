using Realtime.Shared.Captions;
using Realtime.Shared.Sessions;

namespace Realtime.Silo.Sessions;

/// <summary>
/// A session as it is persisted, with its lifecycle rules: issued → live → ended, or issued → expired.
/// Pure, so the grain stays thin. The first published event moves Issued to Live (<see cref="GoLive"/>); a live
/// session does not expire with its secret, because the WebRTC call it opened goes on, but ends when idle.
/// <para>
/// Captions persist only what must survive a restart: the settled (final or failed) segments, and a ceiling
/// above every seq handed out so far. Partials are not persisted.
/// </para>
/// </summary>
[GenerateSerializer, Alias("Realtime.Silo.SessionRecord")]
public sealed class SessionRecord
{
    [Id(0)] public SessionState State { get; set; }
    [Id(1)] public SessionStart? Start { get; set; }
    [Id(2)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The last publish (live sessions): the idle timeout runs from here.</summary>
    [Id(3)] public DateTimeOffset? LastPublishAt { get; set; }

    /// <summary>No seq handed out so far is above this; a new activation numbers from here on.</summary>
    [Id(4)] public long SeqCeiling { get; set; }

    /// <summary>
    /// The settled segments in order of first appearance. The grain fills this just before writing and
    /// empties it after loading or writing, so the segments are not held twice in memory.
    /// </summary>
    [Id(5)] public List<CaptionSegment>? Segments { get; set; }

    [Id(6)] public DateTimeOffset? FirstEventAt { get; set; }

    /// <summary>Events taken; written with the next write, so a crash may lose the count of recent ones.</summary>
    [Id(7)] public int EventCount { get; set; }

    /// <summary>The WebRTC calls (rtc_…) the api opened for this session, oldest first; at most <see cref="MaxCalls"/>.</summary>
    [Id(8)] public List<string> CallIds { get; set; } = [];

    public const int MaxCalls = 100;

    public bool IsOpen => State is SessionState.Issued or SessionState.Live;

    /// <summary>Adds a call of an open session; true when that changed anything (a repeat or a call past the cap does not).</summary>
    public bool AddCall(string callId)
    {
        if (!IsOpen || CallIds.Contains(callId, StringComparer.Ordinal) || CallIds.Count >= MaxCalls) return false;
        CallIds.Add(callId);
        return true;
    }

    /// <summary>Starts the session as issued; true when that changed anything. The same start again is a no-op.</summary>
    public bool Issue(SessionStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (Start is null)
        {
            Start = start;
            State = SessionState.Issued;
            return true;
        }

        // A repeated reservation stamps a later IssuedAt; everything else must match, or two mints share an id.
        if (Start with { IssuedAt = start.IssuedAt } != start)
        {
            throw new InvalidOperationException("The session was already started with different data.");
        }

        return false;
    }

    /// <summary>An issued session's secret expires at another time than first planned; false when it is not issued.</summary>
    public bool MoveExpiry(DateTimeOffset expiresAt)
    {
        if (State != SessionState.Issued || Start is null) return false;
        Start = Start with { ExpiresAt = expiresAt };
        return true;
    }

    /// <summary>An issued session whose secret expired unused becomes expired, ending when its secret did.</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (State != SessionState.Issued || Start is null || now < Start.ExpiresAt) return false;
        State = SessionState.Expired;
        EndedAt = Start.ExpiresAt;
        return true;
    }

    /// <summary>The first publish makes an issued session live; true when that changed the state.</summary>
    public bool GoLive(DateTimeOffset now)
    {
        if (State != SessionState.Issued) return false;
        State = SessionState.Live;
        LastPublishAt = now;
        return true;
    }

    /// <summary>When a live session becomes idle too long (unless it publishes before), or null when not live.</summary>
    public DateTimeOffset? IdleDueAt(TimeSpan idleTimeout) =>
        State == SessionState.Live && LastPublishAt is { } at ? at + idleTimeout : null;

    /// <summary>A live session with no publish for the idle timeout ends, at the moment it became due.</summary>
    public bool EndIfIdle(DateTimeOffset now, TimeSpan idleTimeout)
    {
        if (IdleDueAt(idleTimeout) is not { } due || now < due) return false;
        State = SessionState.Ended;
        EndedAt = due;
        return true;
    }

    /// <summary>The owner ends an open session; ending one that is over changes nothing.</summary>
    public bool End(DateTimeOffset now)
    {
        if (!IsOpen) return false;
        State = SessionState.Ended;
        EndedAt = now;
        return true;
    }

    public SessionSnapshot? ToSnapshot(string sessionId, int eventCount = 0, int segmentCount = 0) => Start is not { } s
        ? null
        : new SessionSnapshot(sessionId, s.TenantId, s.UserId, s.Model, s.Type, State, s.IssuedAt, s.ExpiresAt, EndedAt,
            eventCount, segmentCount);
}
