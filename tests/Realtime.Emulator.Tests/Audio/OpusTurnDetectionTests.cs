using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;
using Xunit.Abstractions;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>The detector hears what a call delivers: audio that went through Opus, not the clean samples.</summary>
public sealed class OpusTurnDetectionTests(ITestOutputHelper output)
{
    [Fact]
    public void Boundaries_survive_an_Opus_round_trip()
    {
        var layout = new SpeechLayout().Silence(1010).Tone(1400, frequency: 300).Silence(1200).Tone(830, frequency: 600).Silence(1500);
        using var encoder = new OpusCodec(111);
        using var decoder = new OpusCodec(111);
        var decoded = layout.Frames().Select(f => decoder.Decode(encoder.Encode(f))).ToList();
        Assert.Contains(decoded, f => f.Level > 0.1);

        var run = new TurnRun(Sessions.Transcription()).Feed(decoded);

        var started = run.OfType("input_audio_buffer.speech_started").Select(e => (long)e["audio_start_ms"]!).ToList();
        var stopped = run.OfType("input_audio_buffer.speech_stopped").Select(e => (long)e["audio_end_ms"]!).ToList();
        Assert.Equal(2, started.Count);
        Assert.Equal(2, stopped.Count);
        for (int turn = 0; turn < 2; turn++)
        {
            output.WriteLine($"turn {turn + 1}: speech {layout.Speech[turn]}, audio_start_ms {started[turn]} (+300 padding), audio_end_ms {stopped[turn]}");
            Assert.InRange(started[turn], layout.Speech[turn].StartMs - 300 - 40, layout.Speech[turn].StartMs - 300 + 40);
            Assert.InRange(stopped[turn], layout.Speech[turn].EndMs - 40, layout.Speech[turn].EndMs + 40);
        }
        Assert.Equal(2, run.OfType("conversation.item.input_audio_transcription.completed").Count());
    }

    [Fact]
    public void The_answer_audio_survives_Opus_too()
    {
        var run = new TurnRun(Sessions.Realtime()).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(4000));
        using var encoder = new OpusCodec(111);
        using var decoder = new OpusCodec(111);

        var levels = run.AnswerFrames.Select(f => decoder.Decode(encoder.Encode(f.Frame)).Level).ToList();

        Assert.True(levels.Count(l => l > 0.1) > levels.Count / 3, "the answer should be mostly audible after Opus");
    }
}
