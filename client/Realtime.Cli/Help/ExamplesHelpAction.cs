using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Realtime.Cli.Help;

/// <summary>
/// System.CommandLine's help, followed by the command's examples (<see cref="CliCommand.Examples"/>), and for the
/// root the settings every command reads from the environment.
/// </summary>
internal sealed class ExamplesHelpAction(HelpAction standard, IReadOnlyList<string> rootExamples) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    /// <summary>Puts this action behind every <c>--help</c> of the tree under <paramref name="root"/>.</summary>
    public static void Install(RootCommand root, params string[] rootExamples)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction standard) help.Action = new ExamplesHelpAction(standard, rootExamples);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var code = standard.Invoke(parseResult);
        var examples = parseResult.CommandResult.Command is CliCommand command ? command.Examples : rootExamples;
        if (examples.Count == 0) return code;
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Examples:");
        foreach (var example in examples) output.WriteLine("  " + example);
        output.WriteLine();
        return code;
    }
}
