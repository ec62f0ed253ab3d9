namespace Realtime.Emulator.Audio;

/// <summary>
/// The parameters of <c>server_vad</c>, with OpenAI's defaults (0.5, 300 ms, 500 ms). OpenAI's threshold is a
/// model's probability; the emulator has an energy detector, so the threshold maps linearly onto a frame's RMS
/// level: 0 → −60 dBFS, 0.5 → −35 dBFS, 1 → −10 dBFS (quiet rooms stay below, speech at a normal level is above).
/// </summary>
internal sealed record VadSettings(double Threshold, TimeSpan PrefixPadding, TimeSpan SilenceDuration)
{
    public static readonly VadSettings Defaults = new(0.5, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500));

    /// <summary>The RMS level, in dB relative to full scale, at or above which a window counts as speech.</summary>
    public double EnergyThresholdDbfs => -60 + (50 * Math.Clamp(Threshold, 0, 1));
}
