namespace Realtime.Shared.Sessions;

/// <summary>
/// One realtime session, keyed by its id (ses_…). Created when its secret is minted; expires when the
/// secret does and nothing used it; frees the owner's concurrent slot when it ends or expires.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session as issued. Repeating the same start is a no-op.</summary>
    Task Start(SessionStart start);

    /// <summary>The session, or null when none was ever started under this id.</summary>
    Task<SessionSnapshot?> GetSnapshot();

    /// <summary>Ends the session (owner's request). Ending an ended or expired session changes nothing.</summary>
    Task<SessionSnapshot?> End();
}
