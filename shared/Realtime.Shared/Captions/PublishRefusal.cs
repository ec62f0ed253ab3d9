namespace Realtime.Shared.Captions;

/// <summary>Why a session grain applied nothing of a Publish (<see cref="PublishAck.Refused"/>).</summary>
public static class PublishRefusal
{
    /// <summary>The caller is not the session's owner (another user, or another tenant).</summary>
    public const string NotOwner = "not_owner";

    /// <summary>The session is over: ended (by its owner or idle too long) or expired unused.</summary>
    public const string SessionEnded = "session_ended";

    /// <summary>No session was ever started under this id.</summary>
    public const string SessionUnknown = "session_unknown";
}
