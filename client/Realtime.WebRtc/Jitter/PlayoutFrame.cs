using Realtime.WebRtc.Audio;

namespace Realtime.WebRtc.Jitter;

/// <summary>One 20 ms frame for the speaker, how it was made, and for a decoded frame when its packet arrived.</summary>
public readonly record struct PlayoutFrame(PcmFrame Frame, PlayoutKind Kind, TimeSpan? ArrivedAt = null);
