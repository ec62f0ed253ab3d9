using System.Text.Json.Nodes;
using Realtime.Emulator.Calls;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>The emulated model on <c>oai-events</c>, without WebRTC: JSON text in, server events out.</summary>
public sealed class RealtimeEventProcessorTests
{
    private static RealtimeEventProcessor NewProcessor() => new(new JsonObject
    {
        ["type"] = "realtime",
        ["object"] = "realtime.session",
        ["id"] = "sess_test",
        ["model"] = "gpt-realtime",
        ["instructions"] = "Be brief.",
    });

    [Fact]
    public void Opening_announces_the_session_from_the_secret()
    {
        var created = Assert.Single(NewProcessor().Open());
        Assert.Equal("session.created", (string?)created["type"]);
        Assert.StartsWith("event_", (string?)created["event_id"]);
        Assert.Equal("sess_test", (string?)created["session"]!["id"]);
        Assert.Equal("gpt-realtime", (string?)created["session"]!["model"]);
    }

    [Fact]
    public void A_GA_session_update_is_applied_and_merged()
    {
        var processor = NewProcessor();
        var updated = Assert.Single(processor.Handle("""
            {"type":"session.update","session":{"type":"realtime","instructions":"Transcribe.","output_modalities":["text"],
             "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":{"model":"gpt-4o-transcribe"},
             "turn_detection":{"type":"server_vad","threshold":0.5}},"output":{"voice":"marin"}}}}
            """));
        Assert.Equal("session.updated", (string?)updated["type"]);
        Assert.Equal("Transcribe.", (string?)updated["session"]!["instructions"]);
        Assert.Equal("sess_test", (string?)updated["session"]!["id"]);

        Assert.Single(processor.Handle("""{"type":"session.update","session":{"type":"realtime","audio":{"output":{"voice":"cedar"}}}}"""));
        Assert.Equal("cedar", (string?)processor.Session["audio"]!["output"]!["voice"]);
        Assert.Equal("gpt-4o-transcribe", (string?)processor.Session["audio"]!["input"]!["transcription"]!["model"]);
    }

    [Theory]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","temperature":0.8}}""", "unknown_parameter", "session.temperature")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","modalities":["text"],"instructions":"x"}}""", "unknown_parameter", "session.modalities")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","input_audio_format":"pcm16"}}""", "unknown_parameter", "session.input_audio_format")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","flavour":"x"}}""", "unknown_parameter", "session.flavour")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":{"type":"audio/pcm","rate":16000}}}}}""", "invalid_value", "session.audio.input.format.rate")]
    [InlineData("""{"type":"session.update","session":{"type":"transcription"}}""", "invalid_value", "session.type")]
    [InlineData("""{"type":"session.update","session":"text"}""", "invalid_type", "session")]
    [InlineData("""{"type":"session.update"}""", "missing_required_parameter", "session")]
    public void A_session_update_GA_refuses_is_an_error_event_and_changes_nothing(string message, string code, string param)
    {
        var processor = NewProcessor();
        var before = processor.Session.ToJsonString();
        var error = Assert.Single(processor.Handle(message));
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal("invalid_request_error", (string?)error["error"]!["type"]);
        Assert.Equal(code, (string?)error["error"]!["code"]);
        Assert.Equal(param, (string?)error["error"]!["param"]);
        Assert.Equal(before, processor.Session.ToJsonString());
    }

    [Theory]
    [InlineData("{not json", "invalid_json", null)]
    [InlineData("[1,2]", "invalid_type", null)]
    [InlineData("""{"session":{}}""", "missing_required_parameter", "type")]
    [InlineData("""{"type":"session.upgrade"}""", "invalid_value", "type")]
    public void Malformed_client_events_get_OpenAI_like_error_codes(string message, string code, string? param)
    {
        var error = Assert.Single(NewProcessor().Handle(message));
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal(code, (string?)error["error"]!["code"]);
        Assert.Equal(param, (string?)error["error"]!["param"]);
    }

    [Fact]
    public void The_client_event_id_is_echoed_in_its_error()
    {
        var error = Assert.Single(NewProcessor().Handle("""{"event_id":"evt_42","type":"session.update","session":{"temperature":1}}"""));
        Assert.Equal("evt_42", (string?)error["error"]!["event_id"]);
    }

    [Fact]
    public void A_text_response_streams_a_deterministic_reply_to_the_last_user_message()
    {
        var processor = NewProcessor();
        var added = processor.Handle("""
            {"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello there"}]}}
            """);
        Assert.Equal(["conversation.item.added", "conversation.item.done"], added.Select(e => (string?)e["type"]));

        var events = processor.Handle("""{"type":"response.create","response":{"output_modalities":["text"]}}""");
        var types = events.Select(e => (string)e["type"]!).ToList();
        Assert.Equal("response.created", types[0]);
        Assert.Equal("response.done", types[^1]);
        var deltas = events.Where(e => (string?)e["type"] == "response.output_text.delta").Select(e => (string)e["delta"]!).ToList();
        Assert.True(deltas.Count > 1);
        var done = Assert.Single(events, e => (string?)e["type"] == "response.output_text.done");
        Assert.Equal("You said: Hello there", (string?)done["text"]);
        Assert.Equal(string.Concat(deltas), (string?)done["text"]);
        Assert.Equal("completed", (string?)events[^1]["response"]!["status"]);
        Assert.Equal((string?)events[0]["response"]!["id"], (string?)done["response_id"]);
        Assert.Equal(events.Count, events.Select(e => (string?)e["event_id"]).Distinct().Count());

        // Same conversation, same reply: the emulator is deterministic.
        var again = NewProcessor();
        again.Handle("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello there"}]}}""");
        Assert.Equal(events.Select(e => e.ToJsonString()), again.Handle("""{"type":"response.create","response":{"output_modalities":["text"]}}""").Select(e => e.ToJsonString()));
    }

    [Fact]
    public void An_audio_session_answers_with_the_audio_transcript_events()
    {
        var events = NewProcessor().Handle("""{"type":"response.create"}""");
        Assert.Contains(events, e => (string?)e["type"] == "response.output_audio_transcript.done");
        Assert.DoesNotContain(events, e => (string?)e["type"] == "response.output_text.delta");
    }

    [Theory]
    [InlineData("""{"type":"session.update","type":"response.create"}""", "duplicate property 'type'")]
    [InlineData("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"\ud800"}]}}""", "unpaired surrogate")]
    public void A_client_event_that_cannot_be_trusted_is_an_invalid_json_error(string message, string problem)
    {
        var error = Assert.Single(NewProcessor().Handle(message));
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal("invalid_json", (string?)error["error"]!["code"]);
        Assert.Contains(problem, (string?)error["error"]!["message"]);
    }
}
