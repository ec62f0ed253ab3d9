using System.Diagnostics.CodeAnalysis;

namespace Realtime.WebRtc.Audio;

/// <summary>
/// A sine tone, endless or for a duration: audible, deterministic test audio whose frequency survives a
/// codec, so a receiver can check it heard the right thing. The phase carries over between frames.
/// </summary>
public sealed class ToneSource : IAudioSource
{
    private readonly double _step;
    private readonly double _amplitude;
    private readonly long _frames;
    private double _phase;
    private long _read;

    /// <param name="frequency">Hertz, below 24 kHz.</param>
    /// <param name="amplitude">Peak level, linear 0–1.</param>
    /// <param name="duration">How long the tone lasts; null for ever.</param>
    public ToneSource(double frequency, double amplitude = 0.5, TimeSpan? duration = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequency);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frequency, PcmFrame.SampleRate / 2.0);
        ArgumentOutOfRangeException.ThrowIfNegative(amplitude);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amplitude, 1.0);
        _step = 2 * Math.PI * frequency / PcmFrame.SampleRate;
        _amplitude = amplitude * short.MaxValue;
        _frames = duration is { } length ? (long)Math.Ceiling(length / PcmFrame.Duration) : long.MaxValue;
    }

    public bool TryReadFrame([NotNullWhen(true)] out PcmFrame? frame)
    {
        frame = null;
        if (_read++ >= _frames)
        {
            return false;
        }
        var samples = new short[PcmFrame.SamplesPerFrame];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(_amplitude * Math.Sin(_phase));
            _phase = (_phase + _step) % (2 * Math.PI);
        }
        frame = new PcmFrame(samples);
        return true;
    }
}
