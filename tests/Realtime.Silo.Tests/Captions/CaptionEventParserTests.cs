using System.Text.Json;
using Realtime.Shared.Captions;

namespace Realtime.Silo.Tests.Captions;

/// <summary>The shared parser the api's hub runs on every published event (GA and beta names, and what it refuses).</summary>
public sealed class CaptionEventParserTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static CaptionEvent Parsed(string json)
    {
        var (e, error) = CaptionEventParser.Parse(Json(json));
        Assert.Null(error);
        return Assert.IsType<CaptionEvent>(e);
    }

    private static string Refused(string json)
    {
        var (e, error) = CaptionEventParser.Parse(Json(json));
        Assert.Null(e);
        return Assert.IsType<string>(error);
    }

    [Theory]
    [InlineData("conversation.item.input_audio_transcription.delta", "delta", CaptionEventKind.UserDelta)]
    [InlineData("conversation.item.input_audio_transcription.completed", "transcript", CaptionEventKind.UserCompleted)]
    [InlineData("response.output_audio_transcript.delta", "delta", CaptionEventKind.AssistantDelta)]
    [InlineData("response.audio_transcript.delta", "delta", CaptionEventKind.AssistantDelta)]
    [InlineData("response.output_audio_transcript.done", "transcript", CaptionEventKind.AssistantDone)]
    [InlineData("response.audio_transcript.done", "transcript", CaptionEventKind.AssistantDone)]
    [InlineData("response.output_text.delta", "delta", CaptionEventKind.AssistantDelta)]
    [InlineData("response.text.delta", "delta", CaptionEventKind.AssistantDelta)]
    [InlineData("response.output_text.done", "text", CaptionEventKind.AssistantDone)]
    [InlineData("response.text.done", "text", CaptionEventKind.AssistantDone)]
    public void Ga_and_beta_text_events_map_to_their_kind_with_their_text(string type, string field, CaptionEventKind kind)
    {
        var e = Parsed($$"""{"type":"{{type}}","event_id":"ev_1","response_id":"r","item_id":"item_7","output_index":0,"content_index":2,"{{field}}":"Hi there"}""");

        Assert.Equal(new CaptionEvent("ev_1", kind, "item_7", 2, "Hi there", null), e);
    }

    [Fact]
    public void Failed_transcription_needs_no_text()
    {
        var e = Parsed("""{"type":"conversation.item.input_audio_transcription.failed","event_id":"ev_2","item_id":"item_1","content_index":0,"error":{"type":"x","code":"y","message":"z"}}""");

        Assert.Equal(new CaptionEvent("ev_2", CaptionEventKind.UserFailed, "item_1", 0, null, null), e);
    }

    [Fact]
    public void Content_index_defaults_to_zero()
    {
        Assert.Equal(0, Parsed("""{"type":"response.text.delta","event_id":"e","item_id":"i","delta":"x"}""").ContentIndex);
    }

    [Theory]
    [InlineData("input_audio_buffer.speech_started", "audio_start_ms", CaptionEventKind.SpeechStarted)]
    [InlineData("input_audio_buffer.speech_stopped", "audio_end_ms", CaptionEventKind.SpeechStopped)]
    public void Speech_events_carry_their_audio_time(string type, string field, CaptionEventKind kind)
    {
        var e = Parsed($$"""{"type":"{{type}}","event_id":"e1","item_id":"item_3","{{field}}":1234}""");

        Assert.Equal(new CaptionEvent("e1", kind, "item_3", 0, null, 1234), e);
    }

    [Fact]
    public void Error_events_map_to_error()
    {
        var e = Parsed("""{"type":"error","event_id":"e9","error":{"type":"invalid_request_error","message":"bad"}}""");

        Assert.Equal(CaptionEventKind.Error, e.Kind);
    }

    [Theory]
    [InlineData("session.updated")]
    [InlineData("rate_limits.updated")]
    [InlineData("output_audio_buffer.started")]
    [InlineData("something.new")]
    public void Other_types_are_ignored_but_need_an_event_id(string type)
    {
        Assert.Equal(new CaptionEvent("e1", CaptionEventKind.Ignored, null, 0, null, null), Parsed($$"""{"type":"{{type}}","event_id":"e1"}"""));
        Assert.Contains("'event_id'", Refused($$"""{"type":"{{type}}"}"""));
    }

    [Theory]
    [InlineData("[1,2]", "must be a JSON object, got array")]
    [InlineData("\"text\"", "must be a JSON object, got string")]
    [InlineData("null", "must be a JSON object, got null")]
    [InlineData("""{"event_id":"e"}""", "'type' is required and must be a string")]
    [InlineData("""{"type":7,"event_id":"e"}""", "'type' is required and must be a string")]
    [InlineData("""{"type":"response.text.delta","item_id":"i","delta":"x"}""", "(response.text.delta): 'event_id' is required and must be a string")]
    [InlineData("""{"type":"response.text.delta","event_id":12,"item_id":"i","delta":"x"}""", "'event_id' is required and must be a string")]
    [InlineData("""{"type":"response.text.delta","event_id":"","item_id":"i","delta":"x"}""", "'event_id' must have 1 to 256 characters")]
    [InlineData("""{"type":"response.text.delta","event_id":"e","delta":"x"}""", "(response.text.delta): 'item_id' is required and must be a string")]
    [InlineData("""{"type":"response.text.delta","event_id":"e","item_id":null,"delta":"x"}""", "'item_id' is required and must be a string")]
    [InlineData("""{"type":"response.text.delta","event_id":"e","item_id":"i","content_index":-1,"delta":"x"}""", "'content_index' must be a non-negative integer")]
    [InlineData("""{"type":"response.text.delta","event_id":"e","item_id":"i","content_index":1.5,"delta":"x"}""", "'content_index' must be a non-negative integer")]
    [InlineData("""{"type":"response.text.delta","event_id":"e","item_id":"i","content_index":"0","delta":"x"}""", "'content_index' must be a non-negative integer")]
    [InlineData("""{"type":"response.text.delta","event_id":"e","item_id":"i","delta":5}""", "(response.text.delta): 'delta' is required and must be a string")]
    [InlineData("""{"type":"response.text.delta","event_id":"e","item_id":"i"}""", "'delta' is required and must be a string")]
    [InlineData("""{"type":"response.text.done","event_id":"e","item_id":"i","transcript":"x"}""", "(response.text.done): 'text' is required and must be a string")]
    [InlineData("""{"type":"conversation.item.input_audio_transcription.completed","event_id":"e","item_id":"i","transcript":null}""", "'transcript' is required and must be a string")]
    [InlineData("""{"type":"input_audio_buffer.speech_started","event_id":"e","item_id":"i"}""", "'audio_start_ms' is required and must be a non-negative integer")]
    [InlineData("""{"type":"input_audio_buffer.speech_started","event_id":"e","item_id":"i","audio_start_ms":-5}""", "'audio_start_ms' is required and must be a non-negative integer")]
    [InlineData("""{"type":"input_audio_buffer.speech_stopped","event_id":"e","item_id":"i","audio_end_ms":2.5}""", "'audio_end_ms' is required and must be a non-negative integer")]
    [InlineData("""{"type":"input_audio_buffer.speech_stopped","event_id":"e","audio_end_ms":3}""", "'item_id' is required and must be a string")]
    public void Malformed_events_are_refused_naming_the_problem(string json, string expected)
    {
        Assert.Contains(expected, Refused(json));
    }

    [Fact]
    public void Oversize_ids_and_texts_are_refused()
    {
        var longId = new string('i', CaptionEventParser.MaxIdLength + 1);
        var okId = new string('i', CaptionEventParser.MaxIdLength);
        Assert.Contains("'event_id' must have 1 to 256 characters", Refused($$"""{"type":"x","event_id":"{{longId}}"}"""));
        Assert.Contains("'item_id' must have 1 to 256 characters",
            Refused($$"""{"type":"response.text.delta","event_id":"e","item_id":"{{longId}}","delta":"x"}"""));
        Assert.Equal(okId, Parsed($$"""{"type":"response.text.delta","event_id":"{{okId}}","item_id":"{{okId}}","delta":"x"}""").EventId);

        // 16 KiB of UTF-8: 8,192 two-byte characters fit, one more does not.
        var fits = new string('é', CaptionEventParser.MaxTextBytes / 2);
        Assert.Equal(fits, Parsed($$"""{"type":"response.text.done","event_id":"e","item_id":"i","text":"{{fits}}"}""").Text);
        Assert.Contains("'text' is longer than 16384 bytes",
            Refused($$"""{"type":"response.text.done","event_id":"e","item_id":"i","text":"{{fits}}é"}"""));
    }

    [Fact]
    public void A_huge_unknown_type_is_not_echoed_whole()
    {
        var type = new string('t', 5000);

        Assert.True(Refused($$"""{"type":"{{type}}"}""").Length < 200);
    }

    [Fact]
    public void A_batch_parses_in_order()
    {
        var (events, error) = CaptionEventParser.ParseBatch(Json("""
            [ {"type":"input_audio_buffer.speech_started","event_id":"a","item_id":"i1","audio_start_ms":10},
              {"type":"conversation.item.input_audio_transcription.delta","event_id":"b","item_id":"i1","content_index":0,"delta":"He"},
              {"type":"session.updated","event_id":"c","session":{}} ]
            """));

        Assert.Null(error);
        Assert.Equal(["a", "b", "c"], events!.Select(e => e.EventId));
        Assert.Equal([CaptionEventKind.SpeechStarted, CaptionEventKind.UserDelta, CaptionEventKind.Ignored], events!.Select(e => e.Kind));
    }

    [Fact]
    public void A_batch_with_one_malformed_event_is_refused_whole_naming_its_index()
    {
        var (events, error) = CaptionEventParser.ParseBatch(Json("""
            [ {"type":"session.updated","event_id":"a"},
              {"type":"session.updated","event_id":"b"},
              {"type":"response.output_audio_transcript.delta","event_id":"c","item_id":"i","delta":42} ]
            """));

        Assert.Null(events);
        Assert.Equal("event 2 (response.output_audio_transcript.delta): 'delta' is required and must be a string", error);
    }

    [Fact]
    public void A_batch_must_be_an_array_of_at_most_500()
    {
        var ok = Enumerable.Range(0, CaptionEventParser.MaxBatch).Select(i => Json($$"""{"type":"x","event_id":"e{{i}}"}""")).ToList();

        Assert.Equal(500, CaptionEventParser.ParseBatch(ok).Events?.Count);
        Assert.Equal("a batch holds at most 500 events, got 501",
            CaptionEventParser.ParseBatch([.. ok, Json("""{"type":"x","event_id":"last"}""")]).Error);
        Assert.Equal("a batch holds at most 500 events, got 501",
            CaptionEventParser.ParseBatch(Json("[" + string.Join(',', Enumerable.Repeat("""{"type":"x","event_id":"e"}""", 501)) + "]")).Error);
        Assert.Equal("events must be a JSON array, got object", CaptionEventParser.ParseBatch(Json("""{"type":"x"}""")).Error);
        Assert.Empty(CaptionEventParser.ParseBatch(Json("[]")).Events!);
    }
}
