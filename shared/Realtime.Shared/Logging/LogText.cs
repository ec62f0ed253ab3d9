using System.Globalization;
using System.Text;

namespace Realtime.Shared.Logging;

/// <summary>
/// Makes a user-controlled string (a <c>sub</c>, a tenant's name, an id taken from a request) safe to log: control
/// characters become escapes (<c>\n</c>, <c>\u001b</c>), so a value cannot forge log lines or drive a terminal.
/// </summary>
public static class LogText
{
    public static string? Escape(string? value)
    {
        if (value is null || !HasControl(value)) return value;
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    // char.IsControl's two ranges, searched vectorized: the common case (nothing to escape) allocates nothing.
    private static bool HasControl(string value) =>
        value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0;
}
