using Realtime.WebRtc.Audio;

namespace Realtime.WebRtc.Jitter;

/// <summary>One 20 ms frame for the speaker, and how it was made.</summary>
public readonly record struct PlayoutFrame(PcmFrame Frame, PlayoutKind Kind);
