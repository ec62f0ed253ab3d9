namespace Realtime.Shared.Sessions;

/// <summary>A session's lifecycle: issued → live → ended, or issued → expired.</summary>
[GenerateSerializer]
public enum SessionState
{
    /// <summary>Never started; the grain holds no session.</summary>
    None = 0,
    Issued = 1,
    Live = 2,
    Ended = 3,
    Expired = 4,
}
