using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>
/// One committed user turn handed to a transcriber: its 1-based index in the call, the length of the speech (the
/// detected speech without prefix padding, or the whole buffer when the client committed), and the audio itself.
/// </summary>
internal sealed record TranscriptionRequest(int Index, TimeSpan SpeechDuration, IReadOnlyList<PcmFrame> Audio, string? Language);
