using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Jitter;

namespace Realtime.WebRtc.Media;

/// <summary>
/// One 20 ms frame played out of the receive jitter buffer. <paramref name="MediaTime"/> places it on the received
/// stream's own timeline (20 ms per frame since playout began, concealed and silent frames included, so it has no
/// gaps), which is what a listener timing speech needs; <paramref name="ArrivedAt"/> is the driver-clock instant
/// (<see cref="WebRtcClock"/>) its packet arrived, or when it was played for a frame that had none.
/// </summary>
public readonly record struct RtcAudioFrame(PcmFrame Frame, TimeSpan MediaTime, TimeSpan ArrivedAt, PlayoutKind Kind);
