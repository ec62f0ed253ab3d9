using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Cli.Tests.Infrastructure;

namespace Realtime.Cli.Tests.Commands;

/// <summary>
/// <c>speak</c> and <c>load</c> with a generated spoken WAV through the emulator's turn detection and transcription:
/// the captions the speaker prints are the ones <c>watch</c> and <c>transcript</c> read back.
/// </summary>
[Collection(CliCollection.Name)]
public sealed partial class SpeakCommandTests(DevApiHost api)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Speak_prints_each_turns_final_and_watch_and_transcript_read_the_same()
    {
        var wav = await TalkWav.GetAsync();
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());
        using var speak = new CliProcess(CliRun.Start(api, CliRun.As(jwt), ["speak", "--file", wav.Path, "--type", "transcription", "--share"]));
        await speak.WaitForNoteAsync("share: ");
        var sessionId = SessionIdPattern().Match(string.Join('\n', speak.Error)).Value;
        Assert.StartsWith("ses_", sessionId, StringComparison.Ordinal);
        Assert.Contains(speak.Error, line => line.StartsWith("share: ", StringComparison.Ordinal) && line.Contains($"/watch/{sessionId}?token=", StringComparison.Ordinal));
        using var watch = new CliProcess(CliRun.Start(api, CliRun.As(jwt), ["watch", sessionId]));

        var spoken = await speak.ExitAsync(Limit);
        var watched = await watch.ExitAsync(Limit);

        CliAssert.Succeeded(spoken);
        var finals = CliAssert.Lines(spoken.Output);
        Assert.Equal(wav.Turns.Count, finals.Count);
        Assert.All(finals, line => Assert.Matches(@"^user: Turn \d+ \(\d+\.\d s\)\.$", line));
        CliAssert.Succeeded(watched);
        Assert.Equal(finals, CliAssert.Lines(watched.Output));
        var vtt = await CliRun.ToExitAsync(api, CliRun.As(jwt), "transcript", sessionId, "--format", "vtt");
        CliAssert.Succeeded(vtt);
        foreach (var final in finals) Assert.Contains("<v user>" + final["user: ".Length..], vtt.Output, StringComparison.Ordinal);
        Assert.Contains("ended", spoken.Error.Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_with_five_speakers_completes_with_no_errors()
    {
        var wav = await TalkWav.GetAsync();
        var jwt = await DevTokens.ForAsync(api, DevTokens.NewUser());

        var run = await CliRun.ToExitAsync(api, CliRun.As(jwt), "load", "--speakers", "5", "--file", wav.Path, "--for", "1s", "--type", "transcription", "--json");

        CliAssert.Succeeded(run);
        var summary = JsonNode.Parse(run.Output)!;
        Assert.Equal(0, summary["errors"]!.GetValue<int>());
        Assert.Equal(5, summary["connected"]!.GetValue<int>());
        Assert.Equal(5, summary["finished"]!.GetValue<int>());
        Assert.Equal(5 * wav.Turns.Count, summary["settled_turns"]!.GetValue<int>());
        Assert.Equal(5 * wav.Turns.Count, summary["final_latency_ms"]!["count"]!.GetValue<int>());
        Assert.True(summary["frames_sent"]!.GetValue<long>() >= 5 * (long)(wav.Duration.TotalMilliseconds / 20), run.Output);
    }

    [GeneratedRegex("ses_[A-Za-z0-9]+")]
    private static partial Regex SessionIdPattern();
}
