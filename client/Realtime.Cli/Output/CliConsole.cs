using System.Text.Json;
using Spectre.Console;

namespace Realtime.Cli.Output;

/// <summary>
/// Where a command writes: results to standard output (styled by Spectre.Console on a terminal, plain text with no
/// escape codes when piped or in CI), progress notes and errors to standard error, each error on one line.
/// </summary>
internal sealed class CliConsole(IAnsiConsole results, TextWriter notes, bool interactive)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A terminal, where live tables, colours and progress bars make sense.</summary>
    public bool IsInteractive { get; } = interactive;

    public IAnsiConsole Results { get; } = results;

    public static CliConsole ForProcess()
    {
        var interactive = !Console.IsOutputRedirected;
        var results = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        return new CliConsole(results, Console.Error, interactive);
    }

    /// <summary>One line of result text, never read as markup.</summary>
    public void Line(string text) => Results.Profile.Out.Writer.WriteLine(text);

    /// <summary>Spectre markup on a terminal, <paramref name="plain"/> otherwise.</summary>
    public void Styled(string markup, string plain)
    {
        if (IsInteractive) Results.MarkupLine(markup);
        else Line(plain);
    }

    public void Json(JsonElement value, bool indented = true) => Line(indented ? JsonSerializer.Serialize(value, Indented) : value.GetRawText());

    /// <summary>A note about progress (standard error, so it never mixes with results a script reads).</summary>
    public void Note(string text) => notes.WriteLine(text);

    /// <summary>The one line an error gets.</summary>
    public void Fail(string message) => notes.WriteLine("realtime: " + string.Join(' ', message.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)));
}
