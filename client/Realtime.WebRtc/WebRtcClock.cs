namespace Realtime.WebRtc;

/// <summary>
/// The one notion of time every protocol state machine takes: a monotonic instant passed in by the driver,
/// so tests advance time by hand and no layer reads a clock of its own.
/// </summary>
public static class WebRtcClock
{
    /// <summary>A monotonic "now" for drivers, from the given provider.</summary>
    public static TimeSpan Now(TimeProvider time) => time.GetElapsedTime(0);
}
