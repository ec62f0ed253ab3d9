using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.Json;
using Realtime.Cli.Commands;
using Realtime.Cli.Commands.Tenants;
using Realtime.Cli.Help;
using Realtime.Cli.Load;
using Realtime.Cli.Output;
using Realtime.Cli.Settings;
using Realtime.Cli.Speaking;
using Realtime.Client.Api;

namespace Realtime.Cli.Hosting;

/// <summary>
/// Parses, runs and turns every outcome into one line and an exit code: a usage error is 2 before anything is sent,
/// a failure is 1 with the api's own sentence, Ctrl+C is 130. No stack trace reaches the user.
/// </summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args)
    {
        var console = CliConsole.ForProcess();
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
        {
            console.Fail($"{string.Join(" ", parsed.Errors.Select(e => e.Message).Distinct())} (see '{CommandPath(parsed)} --help')");
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = Console.Out, Error = Console.Error };
        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        catch (Exception e)
        {
            return Report(console, e);
        }
    }

    private static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("The command line of Realtime.Orleans: mint secrets, speak, watch and export captions, administer tenants.");
        GlobalOptions.AddTo(root);
        root.Add(TokenCommand.Create(console));
        root.Add(WatchCommand.Create(console));
        root.Add(TranscriptCommand.Create(console));
        root.Add(TenantsCommand.Create(console));
        root.Add(SpeakCommand.Create(console));
        root.Add(LoadCommand.Create(console));
        ExamplesHelpAction.Install(root, "realtime token --json", "realtime watch ses_0123456789abcdef", "realtime transcript ses_0123456789abcdef --format vtt -o talk.vtt", "realtime tenants get acme --admin-key $KEY");
        return root;
    }

    private static int Report(CliConsole console, Exception failure)
    {
        switch (failure)
        {
            case UsageException usage:
                console.Fail(usage.Message);
                return ExitCodes.Usage;
            case OperationCanceledException { InnerException: TimeoutException }:
                console.Fail("the api did not answer in time.");
                return ExitCodes.Failed;
            case OperationCanceledException:
                console.Fail("interrupted.");
                return ExitCodes.Interrupted;
            case RealtimeApiException refused:
                console.Fail(refused.Message);
                return ExitCodes.Failed;
            case HttpRequestException unreachable:
                console.Fail($"cannot reach the api: {unreachable.Message}");
                return ExitCodes.Failed;
            case IOException or UnauthorizedAccessException or JsonException or TimeoutException:
                console.Fail(failure.Message);
                return ExitCodes.Failed;
            default:
                console.Fail($"{failure.GetType().Name}: {failure.Message}");
                return ExitCodes.Failed;
        }
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command is RootCommand ? "realtime" : result.Command.Name);
        return string.Join(' ', names);
    }
}
