using System.CommandLine;
using Realtime.Cli.Help;
using Realtime.Cli.Output;
using Realtime.Cli.Settings;
using Realtime.Client.Viewing;

namespace Realtime.Cli.Commands;

/// <summary>
/// <c>realtime watch</c>: a session's captions, the ones so far and then live, through <see cref="CaptionViewer"/>
/// (which watches again from its last seq after a reconnect), until the session ends or Ctrl+C.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliConsole console)
    {
        var session = new Argument<string>("session") { Description = "The session id (ses_…)" };
        var after = new Option<long>("--after") { Description = "Only captions after this seq (0: the whole session)" };
        after.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0) result.AddError("--after must be 0 or more.");
        });
        var json = new Option<bool>("--json") { Description = "Every caption update (partials too) as one JSON object a line" };
        var command = new CliCommand("watch", "Follow a session's captions live: catch up, then live, resuming after a reconnect, until it ends or Ctrl+C.",
            "realtime watch ses_0123456789abcdef",
            "realtime watch ses_0123456789abcdef --after 42 --json | jq -r 'select(.kind==\"final\") | .text'")
        {
            session, after, json,
        };
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(console, new CliSettings(parsed), parsed.GetRequiredValue(session), parsed.GetValue(after), parsed.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, CliSettings settings, string sessionId, long afterSeq, bool json, CancellationToken cancellationToken)
    {
        using var user = new UserConnection(settings);
        // The HTTP read answers a wrong token or an unknown session with the api's sentence before the hub is tried.
        var view = await user.Api.GetSessionAsync(sessionId, cancellationToken);
        await using var hub = user.Hub();
        await hub.StartAsync(cancellationToken);
        var printer = new CaptionPrinter(console, json);
        var over = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var viewer = new CaptionViewer(hub, sessionId, afterSeq);
        viewer.CaptionApplied += printer.Print;
        viewer.StateChanged += state =>
        {
            if (state is "ended" or "expired") over.TrySetResult();
        };
        await viewer.StartAsync(cancellationToken);
        console.Note($"watching {sessionId} ({viewer.State ?? view.State}, after seq {viewer.LastSeq}); Ctrl+C to stop");
        await over.Task.WaitAsync(cancellationToken);
        console.Note($"{sessionId} is {viewer.State}: {printer.Settled} settled caption(s)");
        return 0;
    }
}
