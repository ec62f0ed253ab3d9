using Realtime.Emulator.Calls;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>
/// The emulator's "speech": one short tone per word of the answer, longer for longer words, with a pause after
/// each, so the audio is audible, lasts about as long as the sentence would, and each transcript delta can be
/// sent when its word starts playing. Frames are computed from their index alone, so playback can resume anywhere.
/// </summary>
internal sealed class AnswerVoice
{
    private const double Amplitude = 0.3 * short.MaxValue;
    private static readonly double[] Notes = [262, 294, 330, 392, 440, 523];
    private static readonly TimeSpan PerLetter = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan ShortestWord = TimeSpan.FromMilliseconds(120);
    private static readonly TimeSpan LongestWord = TimeSpan.FromMilliseconds(480);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan Fade = TimeSpan.FromMilliseconds(5);

    private readonly List<AnswerWord> _words = [];

    public AnswerVoice(string text)
    {
        Text = text;
        var start = TimeSpan.Zero;
        foreach (var delta in DeterministicReply.Chunks(text))
        {
            var length = Clamp(PerLetter * delta.Trim().Length);
            _words.Add(new AnswerWord(delta, start, length, Notes[delta.Sum(c => (int)c) % Notes.Length]));
            start += length + Pause;
        }
        FrameCount = (int)Math.Ceiling(start / PcmFrame.Duration);
    }

    public string Text { get; }

    public IReadOnlyList<AnswerWord> Words => _words;

    public int FrameCount { get; }

    public TimeSpan Duration => PcmFrame.Duration * FrameCount;

    /// <summary>The frame that plays from <paramref name="index"/> × 20 ms.</summary>
    public PcmFrame Frame(int index)
    {
        var samples = new short[PcmFrame.SamplesPerFrame];
        var frameStart = PcmFrame.Duration * index;
        foreach (var word in Words.Where(w => w.Start < frameStart + PcmFrame.Duration && w.Start + w.Length > frameStart))
        {
            Voice(word, frameStart, samples);
        }
        return new PcmFrame(samples);
    }

    private static void Voice(AnswerWord word, TimeSpan frameStart, short[] samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            var t = frameStart + TimeSpan.FromSeconds((double)i / PcmFrame.SampleRate) - word.Start;
            if (t >= TimeSpan.Zero && t < word.Length)
            {
                var envelope = Math.Min(1, Math.Min(t / Fade, (word.Length - t) / Fade));
                samples[i] = (short)Math.Round(Amplitude * envelope * Math.Sin(2 * Math.PI * word.Frequency * t.TotalSeconds));
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan length) =>
        length < ShortestWord ? ShortestWord : length > LongestWord ? LongestWord : length;
}
