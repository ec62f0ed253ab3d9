using System.Diagnostics;

namespace Realtime.Benchmarks.Captions;

/// <summary>
/// Publishes one batch per tick at a steady rate for a fixed time; batch i is due at start + i/rate (a slow
/// publish delays the next one, it is never skipped). Returns the publish call durations in ms.
/// </summary>
public static class SpeakerLoop
{
    public static async Task<List<double>> RunAsync(int rate, TimeSpan duration, Func<int, long, Task> publishAsync)
    {
        var durations = new List<double>();
        var start = Stopwatch.GetTimestamp();
        var batches = (int)(rate * duration.TotalSeconds);
        for (var i = 0; i < batches; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var stamp = Stopwatch.GetTimestamp();
            await publishAsync(i, stamp);
            durations.Add(Stopwatch.GetElapsedTime(stamp).TotalMilliseconds);
        }
        return durations;
    }
}
