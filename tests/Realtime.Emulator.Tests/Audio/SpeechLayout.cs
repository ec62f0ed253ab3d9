using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>
/// Test audio with known boundaries: tones ("speech") and silence laid end to end at millisecond precision, so a
/// boundary can fall inside a 20 ms frame, cut into the frames a call would decode.
/// </summary>
public sealed class SpeechLayout
{
    private readonly List<short> _samples = [];
    private readonly List<(int StartMs, int EndMs)> _speech = [];

    public IReadOnlyList<(int StartMs, int EndMs)> Speech => _speech;

    public SpeechLayout Silence(int ms)
    {
        _samples.AddRange(new short[Samples(ms)]);
        return this;
    }

    public SpeechLayout Tone(int ms, double frequency = 440, double amplitude = 0.3)
    {
        var start = _samples.Count;
        _speech.Add((Milliseconds(start), Milliseconds(start + Samples(ms))));
        for (int i = 0; i < Samples(ms); i++)
        {
            _samples.Add((short)Math.Round(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * frequency * i / PcmFrame.SampleRate)));
        }
        return this;
    }

    /// <summary>The audio as 20 ms frames, the last one padded with silence.</summary>
    public List<PcmFrame> Frames()
    {
        var frames = new List<PcmFrame>();
        for (int at = 0; at < _samples.Count; at += PcmFrame.SamplesPerFrame)
        {
            var samples = new short[PcmFrame.SamplesPerFrame];
            _samples.CopyTo(at, samples, 0, Math.Min(samples.Length, _samples.Count - at));
            frames.Add(new PcmFrame(samples));
        }
        return frames;
    }

    private static int Samples(int ms) => ms * PcmFrame.SampleRate / 1000;

    private static int Milliseconds(int samples) => samples * 1000 / PcmFrame.SampleRate;
}
