namespace Realtime.WebRtc.Ice;

/// <summary>Which side decides the pair (RFC 8445 §2.3); the controlling agent nominates.</summary>
public enum IceRole
{
    Controlling,
    Controlled,
}
