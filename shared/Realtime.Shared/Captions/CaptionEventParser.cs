using System.Text;
using System.Text.Json;

namespace Realtime.Shared.Captions;

/// <summary>
/// Checks the OpenAI data-channel events a speaker publishes and keeps what captions need. Pure: the api's hub
/// refuses a malformed batch with the error this returns, so the session grain only ever sees well-formed events.
/// GA and beta names map onto one <see cref="CaptionEventKind"/>; any other type is <see cref="CaptionEventKind.Ignored"/>
/// (with an event_id, which is what makes a resent batch harmless; one without, such as
/// <c>input_audio_buffer.dtmf_event_received</c>, which OpenAI sends with none, is dropped).
/// </summary>
public static class CaptionEventParser
{
    /// <summary>The most events one Publish may carry.</summary>
    public const int MaxBatch = 500;

    /// <summary>The longest delta/transcript/text, in UTF-8 bytes: the data channel's largest message (256 KiB).</summary>
    public const int MaxTextBytes = 256 * 1024;

    /// <summary>The longest event_id, item_id, segment id or speaker label, in characters.</summary>
    public const int MaxIdLength = 256;

    // A diarized segment's times are seconds; anything past a year is not a time in a call.
    private const double MaxSeconds = 365 * 24 * 3600;

    // How each known type is read: its kind, the field holding its text (required unless TextOptional), the field
    // holding its audio time, and whether it names an item.
    private sealed record Shape(CaptionEventKind Kind, string? TextField = null, string? MsField = null, bool TextOptional = false)
    {
        public bool HasSegment => Kind is CaptionEventKind.UserDelta or CaptionEventKind.UserCompleted or CaptionEventKind.UserFailed
            or CaptionEventKind.AssistantDelta or CaptionEventKind.AssistantDone or CaptionEventKind.UserSegment;

        public bool NamesItem => HasSegment || MsField is not null || Kind == CaptionEventKind.Committed;
    }

    private static readonly Dictionary<string, Shape> Shapes = new(StringComparer.Ordinal)
    {
        // GA makes a transcription delta's delta and content_index optional.
        ["conversation.item.input_audio_transcription.delta"] = new(CaptionEventKind.UserDelta, "delta", TextOptional: true),
        ["conversation.item.input_audio_transcription.completed"] = new(CaptionEventKind.UserCompleted, "transcript"),
        ["conversation.item.input_audio_transcription.failed"] = new(CaptionEventKind.UserFailed),
        ["conversation.item.input_audio_transcription.segment"] = new(CaptionEventKind.UserSegment, "text"),
        ["response.output_audio_transcript.delta"] = new(CaptionEventKind.AssistantDelta, "delta"),
        ["response.audio_transcript.delta"] = new(CaptionEventKind.AssistantDelta, "delta"),
        ["response.output_audio_transcript.done"] = new(CaptionEventKind.AssistantDone, "transcript"),
        ["response.audio_transcript.done"] = new(CaptionEventKind.AssistantDone, "transcript"),
        ["response.output_text.delta"] = new(CaptionEventKind.AssistantDelta, "delta"),
        ["response.text.delta"] = new(CaptionEventKind.AssistantDelta, "delta"),
        ["response.output_text.done"] = new(CaptionEventKind.AssistantDone, "text"),
        ["response.text.done"] = new(CaptionEventKind.AssistantDone, "text"),
        ["input_audio_buffer.speech_started"] = new(CaptionEventKind.SpeechStarted, MsField: "audio_start_ms"),
        ["input_audio_buffer.speech_stopped"] = new(CaptionEventKind.SpeechStopped, MsField: "audio_end_ms"),
        ["input_audio_buffer.committed"] = new(CaptionEventKind.Committed),
        ["error"] = new(CaptionEventKind.Error),
    };

    /// <summary>
    /// One event, or an error naming its type and the field that is wrong; both null for an event captions drop
    /// (a type they do not use that carries no event_id).
    /// </summary>
    public static (CaptionEvent? Event, string? Error) Parse(JsonElement e) => Parse(e, "event");

    private static (CaptionEvent? Event, string? Error) Parse(JsonElement e, string label)
    {
        if (e.ValueKind != JsonValueKind.Object) return Fail($"{label} must be a JSON object, got {Describe(e.ValueKind)}");

        if (!e.TryGetProperty("type", out var typeValue) || typeValue.ValueKind != JsonValueKind.String)
        {
            return Fail($"{label}: 'type' is required and must be a string");
        }

        var type = typeValue.GetString()!;
        var where = $"{label} ({Shorten(type)})";
        var shape = Shapes.GetValueOrDefault(type) ?? new Shape(CaptionEventKind.Ignored);
        if (shape.Kind == CaptionEventKind.Ignored && !e.TryGetProperty("event_id", out _)) return (null, null);

        var reader = new FieldReader(e);
        var eventId = reader.Id("event_id");
        var itemId = shape.NamesItem ? reader.Id("item_id") : null;
        var contentIndex = shape.HasSegment ? reader.ContentIndex() : 0;
        var text = shape.TextField is { } textField ? reader.Text(textField, shape.TextOptional) : null;
        var audioMs = shape.MsField is { } msField ? reader.Milliseconds(msField) : null;
        var parsed = new CaptionEvent(eventId!, shape.Kind, itemId, contentIndex, text, audioMs);
        parsed = shape.Kind switch
        {
            CaptionEventKind.UserSegment => ReadDiarized(reader, parsed),
            CaptionEventKind.Committed => parsed with { PreviousItemId = reader.PreviousItemId() },
            _ => parsed,
        };
        return reader.Error is { } error ? Fail($"{where}: {error}") : (parsed, null);
    }

    // A diarized segment: its own id, speaker and times, given in seconds.
    private static CaptionEvent ReadDiarized(FieldReader reader, CaptionEvent parsed)
    {
        var partId = reader.Id("id");
        var speaker = reader.Id("speaker");
        var start = reader.Seconds("start");
        var end = reader.Seconds("end");
        if (start > end) reader.Fail("'end' must not be before 'start'");
        return parsed with { PartId = partId, Speaker = speaker, AudioMs = start, EndMs = end };
    }

    /// <summary>A JSON array of events, all or nothing: the first malformed one refuses the batch, naming its index.</summary>
    public static (IReadOnlyList<CaptionEvent>? Events, string? Error) ParseBatch(JsonElement events) =>
        events.ValueKind != JsonValueKind.Array ? (null, $"events must be a JSON array, got {Describe(events.ValueKind)}")
        : events.GetArrayLength() > MaxBatch ? (null, TooMany(events.GetArrayLength()))
        : ParseBatch(events.EnumerateArray().ToList());

    /// <summary>A batch of events, all or nothing: the first malformed one refuses the batch, naming its index. Dropped events are left out.</summary>
    public static (IReadOnlyList<CaptionEvent>? Events, string? Error) ParseBatch(IReadOnlyList<JsonElement> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > MaxBatch) return (null, TooMany(events.Count));

        var parsed = new List<CaptionEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (parsedEvent, error) = Parse(events[i], $"event {i}");
            if (error is not null) return (null, error);
            if (parsedEvent is not null) parsed.Add(parsedEvent);
        }

        return (parsed, null);
    }

    private static string TooMany(int count) => $"a batch holds at most {MaxBatch} events, got {count}";

    private static (CaptionEvent?, string?) Fail(string error) => (null, error);

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();

    // An error echoes the type, but never a huge one.
    private static string Shorten(string type) => type.Length <= 80 ? type : type[..80] + "…";

    /// <summary>Reads one event's fields, keeping the first error (later reads return null once one failed).</summary>
    private sealed class FieldReader(JsonElement e)
    {
        public string? Error { get; private set; }

        public void Fail(string error) => Error ??= error;

        public string? Id(string name)
        {
            if (Error is not null) return null;
            if (!e.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            {
                Fail($"'{name}' is required and must be a string");
                return null;
            }

            var id = value.GetString()!;
            if (id.Length is 0 or > MaxIdLength) Fail($"'{name}' must have 1 to {MaxIdLength} characters");
            return id;
        }

        public int ContentIndex()
        {
            if (Error is not null || !e.TryGetProperty("content_index", out var index)) return 0;
            if (index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var value) && value >= 0) return value;
            Fail("'content_index' must be a non-negative integer");
            return 0;
        }

        public string? Text(string name, bool optional)
        {
            if (Error is not null) return null;
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null && optional)
            {
                if (!optional) Fail($"'{name}' is required and must be a string");
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Fail(optional ? $"'{name}' must be a string" : $"'{name}' is required and must be a string");
                return null;
            }

            var text = value.GetString()!;
            if (Encoding.UTF8.GetByteCount(text) > MaxTextBytes) Fail($"'{name}' is longer than {MaxTextBytes} bytes");
            return text;
        }

        public long? Milliseconds(string name)
        {
            if (Error is not null) return null;
            if (e.TryGetProperty(name, out var ms) && ms.ValueKind == JsonValueKind.Number && ms.TryGetInt64(out var value) && value >= 0)
                return value;
            Fail($"'{name}' is required and must be a non-negative integer");
            return null;
        }

        /// <summary>A time in seconds, as whole milliseconds.</summary>
        public long? Seconds(string name)
        {
            if (Error is not null) return null;
            if (e.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetDouble(out var value)
                && value is >= 0 and <= MaxSeconds)
                return (long)Math.Round(value * 1000);
            Fail($"'{name}' is required and must be a non-negative number of seconds");
            return null;
        }

        /// <summary>The item before a committed one; empty when it opens the conversation (null), null when not sent.</summary>
        public string? PreviousItemId()
        {
            if (Error is not null || !e.TryGetProperty("previous_item_id", out var value)) return null;
            if (value.ValueKind == JsonValueKind.Null) return "";
            return Id("previous_item_id");
        }
    }
}
