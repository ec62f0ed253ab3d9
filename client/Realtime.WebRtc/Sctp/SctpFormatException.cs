namespace Realtime.WebRtc.Sctp;

/// <summary>The bytes are not a well-formed SCTP packet or chunk; the packet is dropped.</summary>
public sealed class SctpFormatException(string message) : FormatException(message);
