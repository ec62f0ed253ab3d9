namespace Realtime.WebRtc.Audio;

/// <summary>A WAV file this stack cannot play, with the reason in words (not a RIFF, not 16-bit PCM, an unsupported rate...).</summary>
public sealed class WavFormatException(string message) : Exception(message);
