using Realtime.Api.Auth;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Sessions;

/// <summary>Who may see a session: its owner, or a same-tenant token whose watch claim is its id or '*'.</summary>
public static class SessionAccess
{
    public static bool CanView(Caller caller, SessionSnapshot session) =>
        caller.TenantId == session.TenantId
        && (caller.Watch is null ? caller.UserId == session.UserId : caller.Watch == "*" || caller.Watch == session.SessionId);

    public static bool IsOwner(Caller caller, SessionSnapshot session) =>
        caller.TenantId == session.TenantId && caller.UserId == session.UserId && !caller.IsWatchOnly;
}
