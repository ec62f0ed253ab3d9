using System.Text.Json;
using Realtime.Client.Wire;
using Spectre.Console;

namespace Realtime.Cli.Output;

/// <summary>
/// Prints captions as they settle: <c>role: text</c> (coloured by role on a terminal), or with <c>--json</c> every
/// caption the viewer applies, partials included, one JSON object a line for a script to read as it comes.
/// </summary>
internal sealed class CaptionPrinter(CliConsole console, bool json)
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    public int Settled { get; private set; }

    public void Print(Caption caption)
    {
        if (json)
        {
            console.Line(JsonSerializer.Serialize(caption, Wire));
            if (caption.IsSettled) Settled++;
            return;
        }
        if (!caption.IsSettled) return;
        Settled++;
        var who = caption.Speaker is { Length: > 0 } speaker ? $"{caption.Role} ({speaker})" : caption.Role;
        var text = caption.Kind == "failed" ? "[transcription failed]" : caption.Text;
        var colour = caption.Role == "user" ? "deepskyblue1" : "springgreen2";
        console.Styled($"[{colour}]{Markup.Escape(who)}:[/] {Markup.Escape(text)}", $"{who}: {text}");
    }
}
