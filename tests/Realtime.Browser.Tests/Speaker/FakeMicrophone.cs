using Realtime.Testing.Audio;
using Realtime.Testing.Browser;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>
/// What Chromium's fake microphone plays: a WAV file instead of its default beeps, which the emulator would hear
/// as turns. Silence, for tests that drive turns over the sideband; spoken turns, for tests of speech.
/// </summary>
public static class FakeMicrophone
{
    /// <summary>Flags that grant the microphone and play <paramref name="wavPath"/> (once, or looped).</summary>
    public static IReadOnlyList<string> Playing(string wavPath, bool loop) =>
        [.. Chromium.WebRtcFlags, $"--use-file-for-fake-audio-capture={wavPath}{(loop ? "" : "%noloop")}"];

    /// <summary>A few seconds of digital silence, looped by <see cref="Playing"/>: a microphone nobody speaks into.</summary>
    public static Task<SpokenWav> SilenceAsync(string path) => SpokenWav.CreateAsync(path, [], TimeSpan.FromSeconds(2), TimeSpan.Zero);
}
