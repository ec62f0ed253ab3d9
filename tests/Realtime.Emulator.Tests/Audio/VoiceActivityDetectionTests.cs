using System.Text.Json.Nodes;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>server_vad on generated audio with known boundaries, some of them inside a 20 ms frame.</summary>
public sealed class VoiceActivityDetectionTests
{
    private const int Tolerance = 40;

    [Fact]
    public void Speech_started_and_stopped_fall_on_the_known_boundaries()
    {
        var layout = new SpeechLayout().Silence(1010).Tone(1400).Silence(1200).Tone(830).Silence(1500);
        var run = new TurnRun(Sessions.Transcription()).Feed(layout);

        var started = run.OfType("input_audio_buffer.speech_started").ToList();
        var stopped = run.OfType("input_audio_buffer.speech_stopped").ToList();
        Assert.Equal(2, started.Count);
        Assert.Equal(2, stopped.Count);
        for (int turn = 0; turn < 2; turn++)
        {
            var (start, end) = layout.Speech[turn];
            Assert.InRange((long)started[turn]["audio_start_ms"]!, start - 300 - Tolerance, start - 300 + Tolerance);
            Assert.InRange((long)stopped[turn]["audio_end_ms"]!, end - Tolerance, end + Tolerance);
        }
    }

    [Fact]
    public void Speech_stopped_is_emitted_once_the_silence_duration_has_passed()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(new SpeechLayout().Silence(500).Tone(1000).Silence(1000));

        var (_, emittedAt) = Assert.Single(run.Events, e => (string?)e.Event["type"] == "input_audio_buffer.speech_stopped");
        Assert.InRange(emittedAt.TotalMilliseconds, 1500 + 500 - Tolerance, 1500 + 500 + Tolerance);
    }

    [Fact]
    public void Prefix_padding_and_silence_duration_follow_the_session()
    {
        var detection = new JsonObject { ["type"] = "server_vad", ["prefix_padding_ms"] = 100, ["silence_duration_ms"] = 200 };
        var layout = new SpeechLayout().Silence(800).Tone(600).Silence(300).Tone(600).Silence(400);
        var run = new TurnRun(Sessions.Realtime(detection, transcriptionModel: null)).Feed(layout);

        var started = run.OfType("input_audio_buffer.speech_started").Select(e => (long)e["audio_start_ms"]!).ToList();
        Assert.Equal(2, started.Count); // the 300 ms pause outlasts a 200 ms silence duration
        Assert.InRange(started[0], 700 - Tolerance, 700 + Tolerance);
        Assert.InRange(started[1], 1600 - Tolerance, 1600 + Tolerance);
    }

    [Fact]
    public void A_pause_shorter_than_the_silence_duration_stays_one_turn()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(new SpeechLayout().Silence(400).Tone(700).Silence(300).Tone(700).Silence(800));

        Assert.Single(run.OfType("input_audio_buffer.speech_started"));
        Assert.Single(run.OfType("input_audio_buffer.committed"));
    }

    [Fact]
    public void Audio_start_is_clamped_at_zero_when_speech_begins_within_the_padding()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(new SpeechLayout().Silence(100).Tone(600).Silence(800));

        Assert.Equal(0, (long)Assert.Single(run.OfType("input_audio_buffer.speech_started"))["audio_start_ms"]!);
    }

    [Fact]
    public void The_threshold_decides_how_loud_speech_must_be()
    {
        // A tone at amplitude 0.01 has an RMS of about -43 dBFS: above threshold 0.2 (-50), below 0.5 (-35).
        var quiet = new SpeechLayout().Silence(400).Tone(800, amplitude: 0.01).Silence(800);
        JsonObject Detection(double threshold) => new() { ["type"] = "server_vad", ["threshold"] = threshold };

        Assert.Empty(new TurnRun(Sessions.Realtime(Detection(0.5), null)).Feed(quiet).OfType("input_audio_buffer.speech_started"));
        Assert.Single(new TurnRun(Sessions.Realtime(Detection(0.2), null)).Feed(quiet).OfType("input_audio_buffer.speech_started"));
    }

    [Fact]
    public void A_click_shorter_than_30_ms_is_not_speech()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(new SpeechLayout().Silence(400).Tone(15).Silence(1000));

        Assert.Empty(run.Events);
    }

    [Fact]
    public void Clear_during_speech_drops_the_turn()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(new SpeechLayout().Silence(400).Tone(500));
        run.Record(run.Engine.Clear());
        run.Feed(new SpeechLayout().Tone(300).Silence(1000));

        Assert.Single(run.OfType("input_audio_buffer.cleared"));
        // The speech after the clear is a new turn that starts at the clear, not the one before it.
        var started = run.OfType("input_audio_buffer.speech_started").ToList();
        Assert.Equal(2, started.Count);
        var stopped = Assert.Single(run.OfType("input_audio_buffer.speech_stopped"));
        Assert.Equal((string?)started[1]["item_id"], (string?)stopped["item_id"]);
        var completed = Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"));
        Assert.Equal("Turn 1 (0.3 s).", (string?)completed["transcript"]);
    }

    [Fact]
    public void A_commit_during_speech_commits_the_announced_item()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(new SpeechLayout().Silence(1000).Tone(600));
        run.Record(run.Engine.Commit());
        run.Feed(new SpeechLayout().Silence(1000));

        var started = Assert.Single(run.OfType("input_audio_buffer.speech_started"));
        var committed = Assert.Single(run.OfType("input_audio_buffer.committed"));
        Assert.Equal((string?)started["item_id"], (string?)committed["item_id"]);
        Assert.Empty(run.OfType("input_audio_buffer.speech_stopped"));
        // The transcript counts the speech (0.6 s), the usage the committed audio with its padding (0.9 s).
        var completed = Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"));
        Assert.Equal("Turn 1 (0.6 s).", (string?)completed["transcript"]);
        Assert.Equal(9, (int)completed["usage"]!["input_tokens"]!);
    }
}
