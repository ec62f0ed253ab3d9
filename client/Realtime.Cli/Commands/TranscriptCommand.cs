using System.CommandLine;
using System.Text;
using Realtime.Cli.Help;
using Realtime.Cli.Output;
using Realtime.Cli.Settings;

namespace Realtime.Cli.Commands;

/// <summary><c>realtime transcript</c>: a session's transcript as the api renders it, to standard output or a file.</summary>
internal static class TranscriptCommand
{
    public static Command Create(CliConsole console)
    {
        var session = new Argument<string>("session") { Description = "The session id (ses_…)" };
        var format = new Option<string>("--format", "-f") { Description = "The transcript format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("vtt", "srt", "text", "json");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write it to this file instead of standard output" };
        var command = new CliCommand("transcript", "Export a session's transcript (its final captions, in conversation order).",
            "realtime transcript ses_0123456789abcdef",
            "realtime transcript ses_0123456789abcdef --format vtt -o talk.vtt",
            "realtime transcript ses_0123456789abcdef --format json | jq '.segments | length'")
        {
            session, format, output,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var user = new UserConnection(new CliSettings(parsed));
            var transcript = await user.Api.GetTranscriptAsync(parsed.GetRequiredValue(session), parsed.GetRequiredValue(format), cancellationToken);
            if (parsed.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, transcript, new UTF8Encoding(false), cancellationToken);
                console.Note($"wrote {file.FullName}");
            }
            else
            {
                console.Results.Profile.Out.Writer.Write(transcript.EndsWith('\n') ? transcript : transcript + "\n");
            }
            return 0;
        });
        return command;
    }
}
