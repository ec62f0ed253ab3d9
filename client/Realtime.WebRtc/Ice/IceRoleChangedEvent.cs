namespace Realtime.WebRtc.Ice;

/// <summary>A role conflict was resolved by switching roles (RFC 8445 §7.3.1.1).</summary>
public sealed record IceRoleChangedEvent(IceRole Role) : IceEvent;
