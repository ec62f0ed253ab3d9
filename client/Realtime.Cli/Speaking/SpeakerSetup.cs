using System.CommandLine;
using Realtime.Cli.Hosting;
using Realtime.Cli.Settings;
using Realtime.Client.Speaking;
using Realtime.WebRtc.Audio;

namespace Realtime.Cli.Speaking;

/// <summary>What <c>speak</c> and <c>load</c> share: the WAV file and session type options, and a speaker built from the run's settings.</summary>
internal static class SpeakerSetup
{
    /// <summary>Silence sent after the file so the turn detector hears the last turn end.</summary>
    public static readonly TimeSpan TrailingSilence = TimeSpan.FromSeconds(1.5);

    public static Option<FileInfo> FileOption() => new Option<FileInfo>("--file")
    {
        Description = "A WAV file (PCM, any rate, mono or stereo) to stream at real-time pace",
        Required = true,
    }.AcceptExistingOnly();

    public static Option<string> TypeOption()
    {
        var type = new Option<string>("--type") { Description = "The session type", DefaultValueFactory = _ => "realtime" };
        type.AcceptOnlyFromAmong("realtime", "transcription");
        return type;
    }

    public static Option<int> SettleOption() => new("--settle-timeout")
    {
        Description = "Seconds to wait after the audio for the last turn's final caption",
        DefaultValueFactory = _ => 30,
    };

    /// <summary>The file's samples, read once; a file that is not a playable WAV is a usage error.</summary>
    public static short[] ReadWav(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            return WavReader.Read(stream);
        }
        catch (WavFormatException e)
        {
            throw new UsageException($"'{file.Name}' is not a playable WAV file: {e.Message}");
        }
    }

    public static RealtimeSpeaker Create(UserConnection user, string type) =>
        new(new RealtimeSpeakerOptions { ApiBaseUrl = user.Settings.Api, Type = type }, user.Token);

    /// <summary>Waits for the last turn's final caption, or fails saying it did not come.</summary>
    public static async Task SettleAsync(RealtimeSpeaker speaker, int seconds, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await speaker.Turns.WhenSettledAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the last turn's final caption did not arrive within {seconds} s ({speaker.Turns.Pending} turn(s) pending).");
        }
    }
}
