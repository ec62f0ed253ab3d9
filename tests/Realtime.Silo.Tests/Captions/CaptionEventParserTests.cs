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
    public void Other_types_are_ignored_and_dropped_without_an_event_id(string type)
    {
        Assert.Equal(new CaptionEvent("e1", CaptionEventKind.Ignored, null, 0, null, null), Parsed($$"""{"type":"{{type}}","event_id":"e1"}"""));
        Assert.Equal((null, null), CaptionEventParser.Parse(Json($$"""{"type":"{{type}}"}""")));
        Assert.Contains("'event_id'", Refused($$"""{"type":"{{type}}","event_id":7}"""));
    }

    [Fact]
    public void A_dtmf_event_without_event_id_is_dropped_from_its_batch_not_refusing_it()
    {
        var (events, error) = CaptionEventParser.ParseBatch(Json("""
            [{"type":"input_audio_buffer.dtmf_event_received","event":"5","received_at":1760000000},
             {"type":"response.output_text.delta","event_id":"e1","item_id":"i","delta":"hi"}]
            """));

        Assert.Null(error);
        Assert.Equal(["e1"], events!.Select(e => e.EventId));
    }

    [Fact]
    public void A_transcription_delta_may_lack_delta_and_content_index()
    {
        Assert.Equal(new CaptionEvent("e", CaptionEventKind.UserDelta, "i", 0, null, null),
            Parsed("""{"type":"conversation.item.input_audio_transcription.delta","event_id":"e","item_id":"i"}"""));
        Assert.Contains("'delta' must be a string",
            Refused("""{"type":"conversation.item.input_audio_transcription.delta","event_id":"e","item_id":"i","delta":3}"""));
    }

    [Fact]
    public void A_diarized_segment_carries_its_speaker_id_text_and_times_in_milliseconds()
    {
        var e = Parsed("""
            {"type":"conversation.item.input_audio_transcription.segment","event_id":"e","item_id":"i","content_index":0,
             "id":"seg_1","text":"Hello there","speaker":"A","start":1.25,"end":2.5}
            """);

        Assert.Equal(new CaptionEvent("e", CaptionEventKind.UserSegment, "i", 0, "Hello there", 1250, "A", "seg_1", 2500), e);
    }

    [Theory]
    [InlineData("""{"id":"s","text":"x","start":0,"end":1}""", "'speaker' is required and must be a string")]
    [InlineData("""{"speaker":"A","text":"x","start":0,"end":1}""", "'id' is required and must be a string")]
    [InlineData("""{"id":"s","speaker":"A","start":0,"end":1}""", "'text' is required and must be a string")]
    [InlineData("""{"id":"s","speaker":"A","text":"x","start":-1,"end":1}""", "'start' is required and must be a non-negative number of seconds")]
    [InlineData("""{"id":"s","speaker":"A","text":"x","start":0,"end":"1"}""", "'end' is required and must be a non-negative number of seconds")]
    [InlineData("""{"id":"s","speaker":"A","text":"x","start":2,"end":1}""", "'end' must not be before 'start'")]
    public void A_malformed_diarized_segment_is_refused(string fields, string expected)
    {
        var json = """{"type":"conversation.item.input_audio_transcription.segment","event_id":"e","item_id":"i",""" + fields[1..];
        Assert.Contains(expected, Refused(json));
    }

    [Fact]
    public void Committed_carries_the_previous_item_empty_when_it_opens_the_conversation()
    {
        const string committed = """{"type":"input_audio_buffer.committed","event_id":"e","item_id":"i2" """;
        Assert.Equal("i1", Parsed(committed + ""","previous_item_id":"i1"}""").PreviousItemId);
        Assert.Equal("", Parsed(committed + ""","previous_item_id":null}""").PreviousItemId);
        Assert.Equal(new CaptionEvent("e", CaptionEventKind.Committed, "i2", 0, null, null), Parsed(committed + "}"));
        Assert.Contains("'previous_item_id' is required and must be a string", Refused(committed + ""","previous_item_id":4}"""));
        Assert.Contains("'item_id'", Refused("""{"type":"input_audio_buffer.committed","event_id":"e"}"""));
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

        // 256 KiB of UTF-8 (the data channel's largest message): 131,072 two-byte characters fit, one more does not.
        var fits = new string('é', CaptionEventParser.MaxTextBytes / 2);
        Assert.Equal(fits, Parsed($$"""{"type":"response.text.done","event_id":"e","item_id":"i","text":"{{fits}}"}""").Text);
        Assert.Contains("'text' is longer than 262144 bytes",
            Refused($$"""{"type":"response.text.done","event_id":"e","item_id":"i","text":"{{fits}}é"}"""));
    }

    [Fact]
    public void A_huge_unknown_type_is_not_echoed_whole()
    {
        var type = new string('t', 5000);

        Assert.True(Refused($$"""{"type":"{{type}}","event_id":5}""").Length < 200);
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
