namespace Realtime.WebRtc.Sdp;

/// <summary>
/// The SDP is malformed or lacks what WebRTC needs. <see cref="LineNumber"/> is 1-based (0 when the problem is
/// the description as a whole); the emulator puts the message in its 400 answer.
/// </summary>
public sealed class SdpParseException(int lineNumber, string reason, string? line = null)
    : FormatException(line is null ? $"SDP line {lineNumber}: {reason}" : $"SDP line {lineNumber}: {reason} ('{line}')")
{
    public int LineNumber { get; } = lineNumber;
    public string? Line { get; } = line;
}
