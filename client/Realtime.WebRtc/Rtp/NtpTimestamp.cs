namespace Realtime.WebRtc.Rtp;

/// <summary>
/// The 64-bit NTP wall-clock time of sender reports (RFC 3550 §4): seconds since 1900 and a binary fraction.
/// Receivers echo its middle 32 bits so the sender can measure round-trip time.
/// </summary>
internal static class NtpTimestamp
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ulong From(DateTimeOffset wallClock)
    {
        TimeSpan since = wallClock - Epoch;
        ulong seconds = (ulong)since.Ticks / TimeSpan.TicksPerSecond;
        ulong fraction = ((ulong)since.Ticks % TimeSpan.TicksPerSecond << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits, as LSR carries them (RFC 3550 §6.4.1).</summary>
    public static uint Middle(ulong timestamp) => (uint)(timestamp >> 16);
}
