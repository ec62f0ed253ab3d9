using System.Text.Json.Nodes;

namespace Realtime.Emulator.Tests.Audio;

/// <summary>Each detected turn is committed, added to the conversation and transcribed once, in OpenAI's order.</summary>
public sealed class TranscriptionTurnTests
{
    private static readonly SpeechLayout TwoTurns = new SpeechLayout().Silence(1010).Tone(1400).Silence(1200).Tone(830).Silence(1500);

    [Fact]
    public void Each_turn_gets_one_transcription_with_the_deterministic_text()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(TwoTurns);

        var completed = run.OfType("conversation.item.input_audio_transcription.completed").ToList();
        Assert.Equal(["Turn 1 (1.4 s).", "Turn 2 (0.8 s)."], completed.Select(c => (string?)c["transcript"]));
        foreach (var done in completed)
        {
            var deltas = run.OfType("conversation.item.input_audio_transcription.delta")
                .Where(d => (string?)d["item_id"] == (string?)done["item_id"]).Select(d => (string?)d["delta"]).ToList();
            Assert.True(deltas.Count > 1);
            Assert.Equal((string?)done["transcript"], string.Concat(deltas));
            Assert.Equal(0, (int)done["content_index"]!);
        }
    }

    [Fact]
    public void A_transcription_session_sends_only_input_and_transcription_events_chained_by_previous_item_id()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(TwoTurns);

        var turn = new[]
        {
            "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
            "conversation.item.input_audio_transcription.delta", "conversation.item.input_audio_transcription.completed",
        };
        Assert.Equal(turn.Concat(turn), run.Types.CollapseRuns());
        var committed = run.OfType("input_audio_buffer.committed").ToList();
        Assert.Null(committed[0]["previous_item_id"]);
        Assert.Equal((string?)committed[0]["item_id"], (string?)committed[1]["previous_item_id"]);
        foreach (var group in run.Events.Select(e => e.Event).GroupBy(e => (string?)(e["item_id"] ?? e["item"]?["id"])))
        {
            Assert.Equal(5, group.Select(e => (string?)e["type"]).Distinct().Count());
        }
        Assert.Equal(run.Events.Count, run.Events.Select(e => (string?)e.Event["event_id"]).Distinct().Count());
    }

    [Fact]
    public void The_user_item_holds_input_audio()
    {
        var run = new TurnRun(Sessions.Realtime(new JsonObject { ["type"] = "server_vad", ["create_response"] = false })).Feed(TwoTurns);

        var item = run.OfType("conversation.item.done").First()["item"]!;
        Assert.Equal("message", (string?)item["type"]);
        Assert.Equal("user", (string?)item["role"]);
        Assert.Equal("input_audio", (string?)item["content"]![0]!["type"]);
    }

    [Fact]
    public void Token_usage_is_shaped_as_OpenAI_reports_it()
    {
        var run = new TurnRun(Sessions.Transcription()).Feed(TwoTurns);

        var usage = run.OfType("conversation.item.input_audio_transcription.completed").First()["usage"]!;
        Assert.Equal("tokens", (string?)usage["type"]);
        var input = (int)usage["input_tokens"]!;
        Assert.True(input > 0 && (int)usage["output_tokens"]! > 0);
        Assert.Equal(input + (int)usage["output_tokens"]!, (int)usage["total_tokens"]!);
        Assert.Equal(input, (int)usage["input_token_details"]!["audio_tokens"]! + (int)usage["input_token_details"]!["text_tokens"]!);
    }

    [Fact]
    public void Whisper_bills_by_duration_and_sends_one_delta()
    {
        var run = new TurnRun(Sessions.Transcription("whisper-1")).Feed(new SpeechLayout().Silence(1000).Tone(1400).Silence(800));

        var delta = Assert.Single(run.OfType("conversation.item.input_audio_transcription.delta"));
        Assert.Equal("Turn 1 (1.4 s).", (string?)delta["delta"]);
        var usage = Assert.Single(run.OfType("conversation.item.input_audio_transcription.completed"))["usage"]!;
        Assert.Equal("duration", (string?)usage["type"]);
        // The committed audio: 300 ms of prefix padding and 1.4 s of speech.
        Assert.InRange((double)usage["seconds"]!, 1.66, 1.74);
    }

    [Fact]
    public void Without_transcription_configured_no_transcription_events_are_sent()
    {
        var run = new TurnRun(Sessions.Realtime(new JsonObject { ["type"] = "server_vad", ["create_response"] = false }, transcriptionModel: null))
            .Feed(TwoTurns);

        Assert.Equal(2, run.OfType("input_audio_buffer.committed").Count());
        Assert.DoesNotContain(run.Types, t => t.StartsWith("conversation.item.input_audio_transcription", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pluggable_transcriber_supplies_the_text()
    {
        var transcriber = new FixedTranscriber("hello there");
        var run = new TurnRun(Sessions.Transcription(), transcriber).Feed(TwoTurns);

        Assert.Equal([1, 2], transcriber.Requests.Select(r => r.Index));
        Assert.InRange(transcriber.Requests[0].SpeechDuration.TotalMilliseconds, 1360, 1440);
        // It hears the committed audio: 300 ms of padding and the speech, in 20 ms frames.
        Assert.InRange(transcriber.Requests[0].Audio.Count, 83, 87);
        Assert.All(run.OfType("conversation.item.input_audio_transcription.completed"), c => Assert.Equal("hello there", (string?)c["transcript"]));
    }
}
