using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>With <c>turn_detection: null</c> nothing is detected: the client commits or clears the buffer itself.</summary>
public sealed class ManualCommitTests
{
    [Fact]
    public void Commit_turns_the_buffer_into_a_transcribed_turn_without_speech_events()
    {
        var run = new TurnRun(Sessions.Manual()).Feed(new SpeechLayout().Silence(500).Tone(1000).Silence(500));
        Assert.Empty(run.Events);

        run.Record(run.Engine.Commit());

        Assert.Equal(
            ["input_audio_buffer.committed", "conversation.item.added", "conversation.item.done",
             "conversation.item.input_audio_transcription.delta", "conversation.item.input_audio_transcription.completed"],
            run.Types.CollapseRuns());
        // The whole buffer is the turn: 2 s.
        Assert.Equal("Turn 1 (2.0 s).", (string?)Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"))["transcript"]);
    }

    [Fact]
    public void A_commit_in_manual_mode_does_not_answer_by_itself()
    {
        var run = new TurnRun(Sessions.Manual()).Feed(new SpeechLayout().Tone(1000));
        run.Record(run.Engine.Commit());
        run.Wait(3000);

        Assert.DoesNotContain(run.Types, t => t.StartsWith("response.", StringComparison.Ordinal));
        Assert.Empty(run.AnswerFrames);
    }

    [Fact]
    public void Committing_less_than_100_ms_is_an_error()
    {
        var run = new TurnRun(Sessions.Manual()).Feed(new SpeechLayout().Tone(60));

        run.Record(run.Engine.Commit());

        var error = Assert.Single(run.OfType("error"))["error"]!;
        Assert.Equal("input_audio_buffer_commit_empty", (string?)error["code"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Contains("Expected at least 100ms of audio, but buffer only has 60.00ms", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_empties_the_buffer_so_the_next_commit_has_nothing()
    {
        var run = new TurnRun(Sessions.Manual()).Feed(new SpeechLayout().Tone(1000));

        run.Record(run.Engine.Clear());
        run.Record(run.Engine.Commit());

        Assert.Equal(["input_audio_buffer.cleared", "error"], run.Types);
        Assert.Equal("input_audio_buffer_commit_empty", (string?)run.OfType("error").Single()["error"]!["code"]);
    }

    [Fact]
    public void Consecutive_commits_chain_their_items()
    {
        var run = new TurnRun(Sessions.Manual()).Feed(new SpeechLayout().Tone(400));
        run.Record(run.Engine.Commit());
        run.Feed(new SpeechLayout().Tone(700));
        run.Record(run.Engine.Commit());

        var committed = run.OfType("input_audio_buffer.committed").ToList();
        Assert.Null(committed[0]["previous_item_id"]);
        Assert.Equal((string?)committed[0]["item_id"], (string?)committed[1]["previous_item_id"]);
        Assert.Equal(["Turn 1 (0.4 s).", "Turn 2 (0.7 s)."],
            run.OfType("conversation.item.input_audio_transcription.completed").Select(c => (string?)c["transcript"]));
    }

    [Fact]
    public void The_buffer_keeps_only_the_newest_two_minutes()
    {
        var run = new TurnRun(Sessions.Manual()).Feed(Enumerable.Range(0, 2 * 60 * 50 + 100).Select(_ => PcmFrame.Silence()));

        run.Record(run.Engine.Commit());

        Assert.Equal("Turn 1 (120.0 s).", (string?)Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"))["transcript"]);
    }
}
