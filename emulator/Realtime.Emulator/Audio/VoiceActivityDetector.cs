using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>
/// An energy detector over 10 ms windows, so boundaries land within a window of the real ones. Speech starts at
/// the first of at least 30 ms of consecutive loud windows (a click is not a turn) and ends at the last loud
/// window once <see cref="VadSettings.SilenceDuration"/> of quiet has followed it.
/// </summary>
internal sealed class VoiceActivityDetector(VadSettings settings)
{
    private const int WindowSamples = PcmFrame.SamplesPerFrame / 2;
    private static readonly TimeSpan Window = PcmFrame.Duration / 2;
    private static readonly TimeSpan MinimumSpeech = TimeSpan.FromMilliseconds(30);

    private TimeSpan? _loudSince;
    private TimeSpan _lastLoudEnd;

    public bool Speaking { get; private set; }

    /// <summary>Where the current (or last) speech began.</summary>
    public TimeSpan SpeechStart { get; private set; }

    /// <summary>The frame that starts at <paramref name="at"/>; usually no transition, at most one per window.</summary>
    public IReadOnlyList<VadTransition> Push(PcmFrame frame, TimeSpan at)
    {
        var transitions = new List<VadTransition>();
        for (int window = 0; window * WindowSamples < PcmFrame.SamplesPerFrame; window++)
        {
            var loud = RmsDbfs(frame.Samples.Slice(window * WindowSamples, WindowSamples)) >= settings.EnergyThresholdDbfs;
            if (Step(loud, at + (window * Window)) is { } transition)
            {
                transitions.Add(transition);
            }
        }
        return transitions;
    }

    /// <summary>Forgets any speech in progress, as <c>input_audio_buffer.clear</c> and a commit do.</summary>
    public void Reset()
    {
        Speaking = false;
        _loudSince = null;
    }

    private VadTransition? Step(bool loud, TimeSpan windowStart)
    {
        var windowEnd = windowStart + Window;
        if (Speaking)
        {
            return loud ? Extend(windowEnd) : StopAfterSilence(windowEnd);
        }
        _loudSince = loud ? _loudSince ?? windowStart : null;
        if (_loudSince is not { } since || windowEnd - since < MinimumSpeech)
        {
            return null;
        }
        Speaking = true;
        SpeechStart = since;
        _lastLoudEnd = windowEnd;
        return new VadTransition(true, since);
    }

    private VadTransition? Extend(TimeSpan windowEnd)
    {
        _lastLoudEnd = windowEnd;
        return null;
    }

    private VadTransition? StopAfterSilence(TimeSpan windowEnd)
    {
        if (windowEnd - _lastLoudEnd < settings.SilenceDuration)
        {
            return null;
        }
        Reset();
        return new VadTransition(false, _lastLoudEnd);
    }

    private static double RmsDbfs(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (short sample in samples)
        {
            sum += (double)sample * sample;
        }
        var rms = Math.Sqrt(sum / samples.Length) / 32768.0;
        return 20 * Math.Log10(Math.Max(rms, 1e-9));
    }
}
