using System.Diagnostics;
using System.Globalization;

namespace Realtime.Benchmarks.Captions;

/// <summary>
/// Caption text that starts with the <see cref="Stopwatch"/> timestamp taken when the speaker's publish call
/// started, so a viewer on this machine can tell the speaker-to-viewer latency from the text alone
/// (<see cref="HubRecords.TryReadCaptionStamp"/> reads it back).
/// </summary>
public static class CaptionStamp
{
    public static string Delta(long timestamp) => timestamp.ToString(CultureInfo.InvariantCulture);

    public static string Final(long timestamp, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{timestamp} caption {index} as the speaker said it, final");
}
