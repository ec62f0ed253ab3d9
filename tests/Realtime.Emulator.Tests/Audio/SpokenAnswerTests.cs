using System.Text.Json.Nodes;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>Realtime sessions answer each turn with audio paced by the clock, and the user can talk over the answer.</summary>
public sealed class SpokenAnswerTests
{
    private static readonly string[] AnswerSequence =
    [
        "response.created", "response.output_item.added", "conversation.item.added", "response.content_part.added",
        "output_audio_buffer.started", "response.output_audio_transcript.delta", "response.output_audio_transcript.done",
        "response.output_audio.done", "response.content_part.done", "response.output_item.done", "conversation.item.done",
        "response.done", "output_audio_buffer.stopped",
    ];

    [Fact]
    public void A_turn_is_answered_with_the_full_response_sequence()
    {
        var run = new TurnRun(Sessions.Realtime()).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(4000));

        var types = run.Types.CollapseRuns().ToList();
        var answerStart = types.IndexOf("response.created");
        Assert.Equal("conversation.item.input_audio_transcription.completed", types[answerStart - 1]);
        Assert.Equal(AnswerSequence, types.Skip(answerStart));
        var done = Assert.Single(run.OfType("response.done"))["response"]!;
        Assert.Equal("completed", (string?)done["status"]);
        Assert.Equal("You said: Turn 1 (1.4 s).", (string?)done["output"]![0]!["content"]![0]!["transcript"]);
        Assert.Equal("audio", (string?)run.OfType("response.content_part.added").Single()["part"]!["type"]);
    }

    [Fact]
    public void The_transcript_deltas_add_up_to_the_answer()
    {
        var run = new TurnRun(Sessions.Realtime()).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(4000));

        var deltas = run.OfType("response.output_audio_transcript.delta").Select(d => (string?)d["delta"]).ToList();
        Assert.True(deltas.Count > 1);
        var transcript = (string?)Assert.Single(run.OfType("response.output_audio_transcript.done"))["transcript"];
        Assert.Equal("You said: Turn 1 (1.4 s).", transcript);
        Assert.Equal(transcript, string.Concat(deltas));
    }

    [Fact]
    public void The_answer_audio_is_audible_and_paced_in_real_time()
    {
        var run = new TurnRun(Sessions.Realtime()).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(4000));

        Assert.True(run.AnswerFrames.Count > 50, $"only {run.AnswerFrames.Count} frames");
        Assert.Contains(run.AnswerFrames, f => f.Frame.Level > 0.2);
        // One frame per 20 ms tick: never ahead of the clock.
        Assert.All(run.AnswerFrames.GroupBy(f => f.At), g => Assert.Single(g));
        var first = run.AnswerFrames[0].At;
        var last = run.AnswerFrames[^1].At;
        Assert.Equal(run.AnswerFrames.Count - 1, (int)((last - first) / PcmFrame.Duration));
        var stoppedAt = Assert.Single(run.Events, e => (string?)e.Event["type"] == "output_audio_buffer.stopped").At;
        Assert.Equal(last + PcmFrame.Duration, stoppedAt);
    }

    [Fact]
    public void Usage_has_non_zero_counts_that_add_up()
    {
        var run = new TurnRun(Sessions.Realtime()).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(4000));

        var usage = run.OfType("response.done").Single()["response"]!["usage"]!;
        var input = usage["input_token_details"]!;
        var output = usage["output_token_details"]!;
        foreach (var count in new[] { usage["total_tokens"], usage["input_tokens"], usage["output_tokens"], input["cached_tokens"],
            input["text_tokens"], input["audio_tokens"], input["cached_tokens_details"]!["text_tokens"],
            input["cached_tokens_details"]!["audio_tokens"], output["text_tokens"], output["audio_tokens"] })
        {
            Assert.True((int)count! > 0);
        }
        Assert.Equal((int)usage["input_tokens"]! + (int)usage["output_tokens"]!, (int)usage["total_tokens"]!);
        Assert.Equal((int)input["text_tokens"]! + (int)input["audio_tokens"]!, (int)usage["input_tokens"]!);
        Assert.Equal((int)output["text_tokens"]! + (int)output["audio_tokens"]!, (int)usage["output_tokens"]!);
    }

    [Fact]
    public void Items_chain_from_user_turn_to_answer_to_next_turn()
    {
        var run = new TurnRun(Sessions.Realtime()).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(4000).Tone(600).Silence(4000));

        var committed = run.OfType("input_audio_buffer.committed").ToList();
        var answers = run.OfType("response.output_item.added").Select(e => (string?)e["item"]!["id"]).ToList();
        var answerAdded = run.OfType("conversation.item.added").Where(e => (string?)e["item"]!["role"] == "assistant").ToList();
        Assert.Equal(2, answers.Count);
        Assert.Equal((string?)committed[0]["item_id"], (string?)answerAdded[0]["previous_item_id"]);
        Assert.Equal(answers[0], (string?)committed[1]["previous_item_id"]);
        Assert.Equal("You said: Turn 2 (0.6 s).", (string?)run.OfType("response.output_audio_transcript.done").Last()["transcript"]);
    }

    [Fact]
    public void Speech_during_the_answer_cancels_it_and_truncates_what_was_heard()
    {
        // Turn 1 stops at 2.4 s, its answer starts at 2.9 s; the user speaks again at 3.5 s.
        var run = new TurnRun(Sessions.Realtime()).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(1100).Tone(800).Silence(4000));

        var types = run.Types.ToList();
        var bargeIn = types.IndexOf("input_audio_buffer.speech_started", types.IndexOf("output_audio_buffer.started"));
        Assert.Equal(
            ["input_audio_buffer.speech_started", "response.output_audio_transcript.done", "response.output_audio.done",
             "response.content_part.done", "response.output_item.done", "conversation.item.done", "response.done",
             "output_audio_buffer.cleared", "conversation.item.truncated"],
            types.Skip(bargeIn).Take(9));
        var cancelled = run.OfType("response.done").First()["response"]!;
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        Assert.Equal("turn_detected", (string?)cancelled["status_details"]!["reason"]);
        Assert.Equal("incomplete", (string?)cancelled["output"]![0]!["status"]);

        var bargeInAt = run.Events[bargeIn].At;
        var firstAnswerFrames = run.AnswerFrames.Count(f => f.At < bargeInAt);
        var truncated = run.OfType("conversation.item.truncated").Single();
        Assert.Equal((string?)cancelled["output"]![0]!["id"], (string?)truncated["item_id"]);
        Assert.Equal(firstAnswerFrames * 20, (long)truncated["audio_end_ms"]!);
        Assert.InRange((long)truncated["audio_end_ms"]!, 500, 700);
        // Only the cancelled answer's buffer was cleared; the second turn gets its own complete answer.
        Assert.Equal(["cancelled", "completed"], run.OfType("response.done").Select(d => (string?)d["response"]!["status"]));
        Assert.Single(run.OfType("output_audio_buffer.stopped"));
    }

    [Fact]
    public void With_interrupt_response_off_the_answer_plays_on()
    {
        var detection = new JsonObject { ["type"] = "server_vad", ["interrupt_response"] = false };
        var run = new TurnRun(Sessions.Realtime(detection)).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(1100).Tone(300).Silence(4000));

        Assert.DoesNotContain("conversation.item.truncated", run.Types);
        Assert.Equal("completed", (string?)run.OfType("response.done").First()["response"]!["status"]);
    }

    [Fact]
    public void Transcription_sessions_get_no_response_events_and_no_audio()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(4000));

        Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"));
        Assert.DoesNotContain(run.Types, t => t.StartsWith("response.", StringComparison.Ordinal) || t.StartsWith("output_audio_buffer.", StringComparison.Ordinal));
        Assert.Empty(run.AnswerFrames);
        Assert.Empty(run.Engine.StartResponse());
    }
}
