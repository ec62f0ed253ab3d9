using System.Diagnostics.CodeAnalysis;

namespace Realtime.WebRtc.Audio;

/// <summary>
/// Something that yields 20 ms frames to send: a file, a generator, a microphone. Pull-based and clock-free:
/// whoever sends decides the pace (real time on a call, as fast as possible in a test).
/// </summary>
public interface IAudioSource
{
    /// <summary>The next frame; false once the source has ended.</summary>
    bool TryReadFrame([NotNullWhen(true)] out PcmFrame? frame);
}
