using Realtime.Testing.Audio;

namespace Realtime.Cli.Tests.Infrastructure;

/// <summary>One spoken three-turn WAV (espeak-ng + sox) made once for every speak and load test of the run.</summary>
public static class TalkWav
{
    private static readonly Lazy<Task<SpokenWav>> Made = new(() =>
        SpokenWav.ThreeTurnsAsync(Path.Combine(Directory.CreateTempSubdirectory("realtime-cli-wav-").FullName, "talk.wav")));

    public static Task<SpokenWav> GetAsync() => Made.Value;
}
