using Realtime.Shared.Sessions;

namespace Realtime.Silo.Sessions;

/// <summary>
/// A session as it is persisted, with its lifecycle rules: issued → live → ended, or issued → expired.
/// Pure, so the grain stays thin. Live arrives with captions: the first published event will move Issued to
/// Live (a new method beside <see cref="End"/>), and a live session does not expire with its secret because
/// the WebRTC call it opened goes on.
/// </summary>
[GenerateSerializer, Alias("Realtime.Silo.SessionRecord")]
public sealed class SessionRecord
{
    [Id(0)] public SessionState State { get; set; }
    [Id(1)] public SessionStart? Start { get; set; }
    [Id(2)] public DateTimeOffset? EndedAt { get; set; }

    public bool IsOpen => State is SessionState.Issued or SessionState.Live;

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

        // A retried commit stamps a later IssuedAt; everything else must match, or two mints share an id.
        if (Start with { IssuedAt = start.IssuedAt } != start)
        {
            throw new InvalidOperationException("The session was already started with different data.");
        }

        return false;
    }

    /// <summary>An issued session whose secret expired unused becomes expired, ending when its secret did.</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (State != SessionState.Issued || Start is null || now < Start.ExpiresAt) return false;
        State = SessionState.Expired;
        EndedAt = Start.ExpiresAt;
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

    public SessionSnapshot? ToSnapshot(string sessionId) => Start is not { } s
        ? null
        : new SessionSnapshot(sessionId, s.TenantId, s.UserId, s.Model, s.Type, State, s.IssuedAt, s.ExpiresAt, EndedAt,
            EventCount: 0, SegmentCount: 0);
}
