using System.CommandLine;
using Realtime.Cli.Help;
using Realtime.Cli.Output;
using Realtime.Cli.Settings;
using Realtime.Client.Speaking;
using Realtime.WebRtc.Audio;
using Spectre.Console;

namespace Realtime.Cli.Speaking;

/// <summary>
/// <c>realtime speak</c>: one speaker streams a WAV file at real time into a new session, prints the captions as
/// they settle, and exits once the last turn's final caption has come back through the hub.
/// </summary>
internal static class SpeakCommand
{
    public static Command Create(CliConsole console)
    {
        var file = SpeakerSetup.FileOption();
        var type = SpeakerSetup.TypeOption();
        var share = new Option<bool>("--share") { Description = "Print a viewer link (open it in a browser, or pass the session to 'realtime watch')" };
        var json = new Option<bool>("--json") { Description = "Every caption update (partials too) as one JSON object a line" };
        var settle = SpeakerSetup.SettleOption();
        var command = new CliCommand("speak", "Stream a WAV file into a new session at real-time pace and print its captions as they settle.",
            "realtime speak --file talk.wav --share",
            "realtime speak --file talk.wav --type transcription --json > captions.jsonl")
        {
            file, type, share, json, settle,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var samples = SpeakerSetup.ReadWav(parsed.GetRequiredValue(file));
            using var user = new UserConnection(new CliSettings(parsed));
            await using var speaker = SpeakerSetup.Create(user, parsed.GetRequiredValue(type));
            var printer = new CaptionPrinter(console, parsed.GetValue(json));
            speaker.CaptionReceived += printer.Print;
            speaker.ErrorRaised += error => console.Note($"{error.Source} error {error.Code}: {error.Message}");
            await speaker.ConnectAsync(cancellationToken: cancellationToken);
            console.Note($"speaking into {speaker.SessionId}");
            if (parsed.GetValue(share)) console.Note($"share: {(await speaker.ShareAsync(cancellationToken)).WatchUrl}");
            var playback = await PlayAsync(console, speaker, parsed.GetRequiredValue(file).Name, samples, cancellationToken);
            await SpeakerSetup.SettleAsync(speaker, parsed.GetValue(settle), cancellationToken);
            await speaker.StopAsync(cancellationToken);
            console.Note(Summary(speaker, playback));
            return 0;
        });
        return command;
    }

    private static async Task<AudioPlayback> PlayAsync(CliConsole console, RealtimeSpeaker speaker, string name, short[] samples, CancellationToken cancellationToken)
    {
        var source = new WavFileSource(samples);
        AudioPlayback playback;
        if (!console.IsInteractive) playback = await speaker.SpeakAsync(source, null, cancellationToken);
        else
        {
            playback = await console.Results.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var bar = progress.AddTask(Markup.Escape(name), maxValue: Math.Max(0.02, source.Duration.TotalSeconds));
                return await speaker.SpeakAsync(source, new Progress<TimeSpan>(sent => bar.Value = sent.TotalSeconds), cancellationToken);
            });
        }
        return playback.Add(await speaker.SpeakAsync(new SilenceSource(SpeakerSetup.TrailingSilence), null, cancellationToken));
    }

    private static string Summary(RealtimeSpeaker speaker, AudioPlayback playback)
    {
        var latencies = LatencySummary.Of(speaker.Turns.FinalLatencies);
        return $"{speaker.SessionId} ended: {speaker.Turns.Settled} settled turn(s), {playback.FramesSent} frames sent ({playback.FramesLate} late), " +
               $"final-caption latency {latencies}";
    }
}
