using System.Diagnostics;
using System.Globalization;

namespace Realtime.Benchmarks.Captions;

/// <summary>
/// Caption text that carries the <see cref="Stopwatch"/> timestamp taken when the speaker's publish call started,
/// so a viewer in this process can tell the speaker-to-viewer latency from the text alone.
/// </summary>
public static class CaptionStamp
{
    public static string Delta(long timestamp) => timestamp.ToString(CultureInfo.InvariantCulture);

    public static string Final(long timestamp, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{timestamp} caption {index} as the speaker said it, final");

    /// <summary>Milliseconds from the stamp in <paramref name="text"/> to now, or null if it carries none.</summary>
    public static double? LatencyMs(string text)
    {
        var span = text.AsSpan();
        var space = span.IndexOf(' ');
        if (space >= 0) span = span[..space];
        return long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var stamp)
            ? Stopwatch.GetElapsedTime(stamp).TotalMilliseconds
            : null;
    }
}
