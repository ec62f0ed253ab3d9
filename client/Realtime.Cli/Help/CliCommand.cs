using System.CommandLine;

namespace Realtime.Cli.Help;

/// <summary>A command whose <c>--help</c> ends with worked examples, because a first-day user copies before reading.</summary>
internal sealed class CliCommand(string name, string description, params string[] examples) : Command(name, description)
{
    public IReadOnlyList<string> Examples { get; } = examples;
}
