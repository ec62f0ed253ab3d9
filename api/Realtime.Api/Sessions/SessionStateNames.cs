using Realtime.Shared.Sessions;

namespace Realtime.Api.Sessions;

/// <summary>Session states as the wire spells them: issued, live, ended, expired.</summary>
public static class SessionStateNames
{
    public static string Wire(this SessionState state) => state switch
    {
        SessionState.Issued => "issued",
        SessionState.Live => "live",
        SessionState.Ended => "ended",
        SessionState.Expired => "expired",
        _ => "none",
    };
}
