using System.Text.Json.Nodes;
using Realtime.Emulator.Calls;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>
/// The eleven GA client events, handled as OpenAI handles them (and refused where OpenAI refuses them), and the GA
/// server events they produce: content part types, <c>response.done</c> status and usage, <c>rate_limits.updated</c>.
/// </summary>
public sealed class GaClientEventTests
{
    private static RealtimeEventProcessor Realtime() => new(new JsonObject
    {
        ["type"] = "realtime",
        ["object"] = "realtime.session",
        ["id"] = "sess_test",
        ["model"] = "gpt-realtime",
    });

    private static RealtimeEventProcessor Transcription() => new(new JsonObject
    {
        ["type"] = "transcription",
        ["object"] = "realtime.transcription_session",
        ["id"] = "sess_test",
    });

    private static string[] Types(IEnumerable<JsonObject> events) => [.. events.Select(e => (string)e["type"]!)];

    private static JsonObject Refusal(IReadOnlyList<JsonObject> events, string code, string? param)
    {
        var error = Assert.Single(events);
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal("invalid_request_error", (string?)error["error"]!["type"]);
        Assert.Equal(code, (string?)error["error"]!["code"]);
        Assert.Equal(param, (string?)error["error"]!["param"]);
        return error;
    }

    [Fact]
    public void A_session_update_without_a_session_type_is_missing_required_parameter()
    {
        var processor = Realtime();
        var error = Refusal(processor.Handle("""{"type":"session.update","event_id":"evt_1","session":{"instructions":"x"}}"""), "missing_required_parameter", "session.type");
        Assert.Equal("evt_1", (string?)error["error"]!["event_id"]);
        Assert.Null(processor.Session["instructions"]);
    }

    [Fact]
    public void Every_GA_session_field_is_accepted_as_the_Agents_SDK_sends_them()
    {
        var processor = Realtime();
        var updated = Assert.Single(processor.Handle("""
            {"type":"session.update","session":{"type":"realtime","model":"gpt-realtime","instructions":"Be brief.",
             "output_modalities":["audio"],"parallel_tool_calls":false,"reasoning":{"effort":"low"},"tracing":"auto",
             "prompt":{"id":"pmpt_1","version":"2","variables":{"city":"Paris"}},"tools":[{"type":"function","name":"weather","parameters":{"type":"object"}}],
             "tool_choice":"auto","truncation":"auto","include":["item.input_audio_transcription.logprobs"],"max_output_tokens":4096,
             "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"noise_reduction":null,"transcription":{"model":"gpt-4o-mini-transcribe"},
                               "turn_detection":{"type":"semantic_vad"}},
                      "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"marin","speed":1}}}}
            """));
        Assert.Equal("session.updated", (string?)updated["type"]);
        Assert.False((bool)updated["session"]!["parallel_tool_calls"]!);
        Assert.Equal("low", (string?)updated["session"]!["reasoning"]!["effort"]);
        Assert.Equal("auto", (string?)updated["session"]!["tracing"]);
    }

    [Theory]
    [InlineData("""{"type":"realtime","voice":"alloy"}""", "unknown_parameter", "session.voice")]
    [InlineData("""{"type":"realtime","temperature":0.8}""", "unknown_parameter", "session.temperature")]
    [InlineData("""{"type":"realtime","flavour":"x"}""", "unknown_parameter", "session.flavour")]
    [InlineData("""{"type":"realtime","audio":{"input":{"vad":{}}}}""", "unknown_parameter", "session.audio.input.vad")]
    [InlineData("""{"type":"realtime","parallel_tool_calls":"yes"}""", "invalid_type", "session.parallel_tool_calls")]
    [InlineData("""{"type":"realtime","reasoning":"low"}""", "invalid_type", "session.reasoning")]
    [InlineData("""{"type":7}""", "invalid_type", "session.type")]
    public void What_GA_does_not_know_is_refused(string session, string code, string param)
    {
        var processor = Realtime();
        var before = processor.Session.ToJsonString();
        Refusal(processor.Handle($$"""{"type":"session.update","session":{{session}}}"""), code, param);
        Assert.Equal(before, processor.Session.ToJsonString());
    }

    [Theory]
    [InlineData("instructions", "\"x\"")]
    [InlineData("model", "\"gpt-realtime\"")]
    [InlineData("tools", "[]")]
    [InlineData("output_modalities", "[\"text\"]")]
    [InlineData("parallel_tool_calls", "true")]
    [InlineData("tracing", "\"auto\"")]
    public void A_transcription_session_refuses_what_only_realtime_sessions_allow(string field, string value)
    {
        Refusal(Transcription().Handle($$$"""{"type":"session.update","session":{"type":"transcription","{{{field}}}":{{{value}}}}}"""), "unknown_parameter", "session." + field);
    }

    [Fact]
    public void A_transcription_session_refuses_an_output_voice_and_accepts_its_own_fields()
    {
        var processor = Transcription();
        Refusal(processor.Handle("""{"type":"session.update","session":{"type":"transcription","audio":{"output":{"voice":"marin"}}}}"""), "unknown_parameter", "session.audio.output");
        var updated = Assert.Single(processor.Handle("""
            {"type":"session.update","session":{"type":"transcription","include":["item.input_audio_transcription.logprobs"],
             "audio":{"input":{"transcription":{"model":"gpt-4o-transcribe","language":"en"},"turn_detection":{"type":"server_vad"}}}}}
            """));
        Assert.Equal("session.updated", (string?)updated["type"]);
        Refusal(processor.Handle("""{"type":"response.create"}"""), "invalid_value", "type");
    }

    [Fact]
    public void Input_audio_is_appended_committed_as_a_user_item_and_cleared()
    {
        var processor = Realtime();
        Refusal(processor.Handle("""{"type":"input_audio_buffer.commit"}"""), "input_audio_buffer_commit_empty", null);
        Refusal(processor.Handle("""{"type":"input_audio_buffer.append","audio":"not base64!"}"""), "invalid_value", "audio");
        Refusal(processor.Handle("""{"type":"input_audio_buffer.append"}"""), "missing_required_parameter", "audio");

        Assert.Empty(processor.Handle("""{"type":"input_audio_buffer.append","audio":"AAAAAAAAAAAAAAAA"}"""));
        var committed = processor.Handle("""{"type":"input_audio_buffer.commit"}""");
        Assert.Equal(["input_audio_buffer.committed", "conversation.item.added", "conversation.item.done"], Types(committed));
        Assert.Equal((string?)committed[0]["item_id"], (string?)committed[1]["item"]!["id"]);
        Assert.Equal("input_audio", (string?)committed[2]["item"]!["content"]![0]!["type"]);

        Assert.Empty(processor.Handle("""{"type":"input_audio_buffer.append","audio":"AAAA"}"""));
        Assert.Equal(["input_audio_buffer.cleared"], Types(processor.Handle("""{"type":"input_audio_buffer.clear"}""")));
        Refusal(processor.Handle("""{"type":"input_audio_buffer.commit"}"""), "input_audio_buffer_commit_empty", null);
    }

    [Fact]
    public void Items_are_created_retrieved_truncated_and_deleted_by_id()
    {
        var processor = Realtime();
        var added = processor.Handle("""{"type":"conversation.item.create","item":{"id":"item_user","type":"message","role":"user","content":[{"type":"input_text","text":"Hi"}]}}""");
        Assert.Equal(["conversation.item.added", "conversation.item.done"], Types(added));
        Refusal(processor.Handle("""{"type":"conversation.item.create","item":{"id":"item_user","type":"message","role":"user","content":[]}}"""), "item_duplicate_id", "item.id");

        var retrieved = Assert.Single(processor.Handle("""{"type":"conversation.item.retrieve","item_id":"item_user"}"""));
        Assert.Equal("conversation.item.retrieved", (string?)retrieved["type"]);
        Assert.Equal("Hi", (string?)retrieved["item"]!["content"]![0]!["text"]);
        Refusal(processor.Handle("""{"type":"conversation.item.retrieve","item_id":"item_nope"}"""), "item_retrieve_invalid_item_id", "item_id");

        var response = processor.Handle("""{"type":"response.create"}""");
        var assistantId = (string)response.Single(e => (string?)e["type"] == "response.done")["response"]!["output"]![0]!["id"]!;
        var truncated = Assert.Single(processor.Handle($$"""{"type":"conversation.item.truncate","item_id":"{{assistantId}}","content_index":0,"audio_end_ms":1500}"""));
        Assert.Equal("conversation.item.truncated", (string?)truncated["type"]);
        Assert.Equal(1500, (int)truncated["audio_end_ms"]!);
        Refusal(processor.Handle("""{"type":"conversation.item.truncate","item_id":"item_user","content_index":0}"""), "missing_required_parameter", "audio_end_ms");

        var deleted = Assert.Single(processor.Handle("""{"type":"conversation.item.delete","item_id":"item_user"}"""));
        Assert.Equal("conversation.item.deleted", (string?)deleted["type"]);
        Assert.Equal("item_user", (string?)deleted["item_id"]);
        Refusal(processor.Handle("""{"type":"conversation.item.delete","item_id":"item_user"}"""), "item_delete_invalid_item_id", "item_id");
    }

    [Fact]
    public void A_response_names_content_parts_audio_and_reports_status_rate_limits_and_full_usage()
    {
        var processor = Realtime();
        processor.Handle("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello there"}]}}""");
        var events = processor.Handle("""{"type":"response.create"}""");

        Assert.Equal(
            ["response.created", "rate_limits.updated", "response.output_item.added", "conversation.item.added", "response.content_part.added"],
            Types(events).Take(5));
        Assert.Equal("audio", (string?)events.First(e => (string?)e["type"] == "response.content_part.added")["part"]!["type"]);
        Assert.Equal("audio", (string?)events.First(e => (string?)e["type"] == "response.content_part.done")["part"]!["type"]);
        Assert.Contains("response.output_audio.done", Types(events));
        Assert.Contains("conversation.item.done", Types(events));

        var limits = events.First(e => (string?)e["type"] == "rate_limits.updated")["rate_limits"]!.AsArray();
        Assert.Equal(["requests", "tokens"], limits.Select(l => (string)l!["name"]!));
        Assert.All(limits, l => Assert.True((int)l!["remaining"]! < (int)l["limit"]!));

        var response = events[^1]["response"]!;
        Assert.Equal("response.done", (string?)events[^1]["type"]);
        Assert.Equal("completed", (string?)response["status"]);
        Assert.True(response.AsObject().ContainsKey("status_details"));
        var usage = response["usage"]!;
        Assert.Equal((int)usage["input_tokens"]! + (int)usage["output_tokens"]!, (int)usage["total_tokens"]!);
        foreach (var count in Numbers(usage))
        {
            Assert.True(count > 0, usage.ToJsonString());
        }
        Assert.Equal(12, Numbers(usage).Count());
    }

    [Fact]
    public void A_text_response_names_its_content_parts_text()
    {
        var events = Realtime().Handle("""{"type":"response.create","response":{"output_modalities":["text"]}}""");
        Assert.Equal("text", (string?)events.First(e => (string?)e["type"] == "response.content_part.added")["part"]!["type"]);
        var done = events[^1]["response"]!;
        Assert.Equal("output_text", (string?)done["output"]![0]!["content"]![0]!["type"]);
    }

    [Fact]
    public void Cancel_with_no_active_response_is_refused_and_clearing_output_audio_is_acknowledged()
    {
        var processor = Realtime();
        Refusal(processor.Handle("""{"type":"response.cancel"}"""), "response_cancel_not_active", null);
        var response = processor.Handle("""{"type":"response.create"}""");
        var cleared = Assert.Single(processor.Handle("""{"type":"output_audio_buffer.clear"}"""));
        Assert.Equal("output_audio_buffer.cleared", (string?)cleared["type"]);
        Assert.Equal((string?)response[0]["response"]!["id"], (string?)cleared["response_id"]);
    }

    [Fact]
    public void All_eleven_GA_client_events_are_known_and_nothing_else()
    {
        Assert.Equal(11, RealtimeEventProcessor.ClientEventTypes.Length);
        foreach (var type in RealtimeEventProcessor.ClientEventTypes)
        {
            var answer = Realtime().Handle($$"""{"type":"{{type}}"}""");
            Assert.DoesNotContain(answer, e => (string?)e["error"]?["param"] == "type");
        }
        Refusal(Realtime().Handle("""{"type":"transcription_session.update"}"""), "invalid_value", "type");
    }

    private static IEnumerable<int> Numbers(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Value is null ? [] : Numbers(p.Value)),
        JsonValue value => [(int)value],
        _ => [],
    };
}
