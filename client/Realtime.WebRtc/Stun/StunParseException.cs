namespace Realtime.WebRtc.Stun;

/// <summary>The bytes are not a well-formed STUN message, or its FINGERPRINT does not match.</summary>
public sealed class StunParseException(string message) : FormatException(message);
