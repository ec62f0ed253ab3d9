namespace Realtime.WebRtc.Audio;

/// <summary>
/// The one audio unit every layer exchanges: 20 ms of 48 kHz mono 16-bit PCM, Opus' native rate and
/// WebRTC's usual packet time, so codecs at other rates resample at their edge and nothing else must.
/// </summary>
public sealed class PcmFrame
{
    public const int SampleRate = 48_000;
    public const int SamplesPerFrame = 960;
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(20);

    private readonly short[] _samples;

    /// <summary>Takes ownership of exactly <see cref="SamplesPerFrame"/> samples.</summary>
    public PcmFrame(short[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length != SamplesPerFrame)
        {
            throw new ArgumentException($"A PCM frame holds {SamplesPerFrame} samples (20 ms at 48 kHz), not {samples.Length}.", nameof(samples));
        }
        _samples = samples;
    }

    public ReadOnlySpan<short> Samples => _samples;

    /// <summary>Peak level, linear 0–1, as getStats' <c>audioLevel</c> reports it.</summary>
    public double Level
    {
        get
        {
            int peak = 0;
            foreach (short sample in _samples)
            {
                peak = Math.Max(peak, Math.Abs((int)sample));
            }
            return Math.Min(1.0, peak / 32767.0);
        }
    }

    public static PcmFrame Silence() => new(new short[SamplesPerFrame]);

    /// <summary>A copy with every sample scaled, for fading concealment out.</summary>
    public PcmFrame Scaled(double gain)
    {
        var scaled = new short[SamplesPerFrame];
        for (int i = 0; i < SamplesPerFrame; i++)
        {
            scaled[i] = (short)Math.Clamp(Math.Round(_samples[i] * gain), short.MinValue, short.MaxValue);
        }
        return new PcmFrame(scaled);
    }
}
