namespace Realtime.WebRtc.Stun;

/// <summary>The ERROR-CODE attribute: a code from 300 to 699 and a reason phrase.</summary>
public readonly record struct StunErrorCode(int Code, string Reason)
{
    public static StunErrorCode UnknownAttribute => new(420, "Unknown Attribute");
    public static StunErrorCode RoleConflict => new(487, "Role Conflict");
}
