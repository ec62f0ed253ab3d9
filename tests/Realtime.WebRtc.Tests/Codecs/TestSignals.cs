using Realtime.WebRtc.Audio;

namespace Realtime.WebRtc.Tests.Codecs;

/// <summary>Signals built in the test, so a codec's output can be compared with what went in.</summary>
internal static class TestSignals
{
    public static PcmFrame Sine(double frequency, double amplitude, int frameIndex)
    {
        var samples = new short[PcmFrame.SamplesPerFrame];
        for (int i = 0; i < samples.Length; i++)
        {
            double t = (frameIndex * PcmFrame.SamplesPerFrame + i) / (double)PcmFrame.SampleRate;
            samples[i] = (short)(amplitude * 32767 * Math.Sin(2 * Math.PI * frequency * t));
        }
        return new PcmFrame(samples);
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (short sample in samples)
        {
            sum += (double)sample * sample;
        }
        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>Magnitude of one frequency in a frame (a single DFT bin), so tests can check the tone survived.</summary>
    public static double Magnitude(ReadOnlySpan<short> samples, double frequency)
    {
        double re = 0, im = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double angle = 2 * Math.PI * frequency * i / PcmFrame.SampleRate;
            re += samples[i] * Math.Cos(angle);
            im -= samples[i] * Math.Sin(angle);
        }
        return Math.Sqrt(re * re + im * im) / samples.Length * 2;
    }
}
