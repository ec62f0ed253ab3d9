using Realtime.Api.Auth;

namespace Realtime.Api.Sessions;

/// <summary>
/// Who may do what with a session. Watching and reading: its owner, or a same-tenant token whose watch claim
/// is the session id or '*'. Publishing, ending and sharing: the owner only, never with a watch-only token.
/// Another tenant: never.
/// </summary>
public static class SessionAccess
{
    public static bool CanView(Caller caller, SessionOwner session) =>
        caller.TenantId == session.TenantId
        && (caller.Watch is null ? caller.UserId == session.UserId : caller.Watch == "*" || caller.Watch == session.SessionId);

    public static bool IsOwner(Caller caller, SessionOwner session) =>
        caller.TenantId == session.TenantId && caller.UserId == session.UserId && !caller.IsWatchOnly;
}
