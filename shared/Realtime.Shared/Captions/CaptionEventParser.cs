using System.Text;
using System.Text.Json;

namespace Realtime.Shared.Captions;

/// <summary>
/// Checks the OpenAI data-channel events a speaker publishes and keeps what captions need. Pure: the api's hub
/// refuses a malformed batch with the error this returns, so the session grain only ever sees well-formed events.
/// GA and beta names map onto one <see cref="CaptionEventKind"/>; any other type is <see cref="CaptionEventKind.Ignored"/>
/// (it still needs an event_id, which is what makes a resent batch harmless).
/// </summary>
public static class CaptionEventParser
{
    /// <summary>The most events one Publish may carry.</summary>
    public const int MaxBatch = 500;

    /// <summary>The longest delta/transcript/text, in UTF-8 bytes (16 KiB).</summary>
    public const int MaxTextBytes = 16 * 1024;

    /// <summary>The longest event_id or item_id, in characters.</summary>
    public const int MaxIdLength = 256;

    // How each known type is read: its kind, the field holding its text, the field holding its audio time.
    private sealed record Shape(CaptionEventKind Kind, string? TextField = null, string? MsField = null)
    {
        public bool HasSegment => Kind is CaptionEventKind.UserDelta or CaptionEventKind.UserCompleted or CaptionEventKind.UserFailed
            or CaptionEventKind.AssistantDelta or CaptionEventKind.AssistantDone;
    }

    private static readonly Dictionary<string, Shape> Shapes = new(StringComparer.Ordinal)
    {
        ["conversation.item.input_audio_transcription.delta"] = new(CaptionEventKind.UserDelta, "delta"),
        ["conversation.item.input_audio_transcription.completed"] = new(CaptionEventKind.UserCompleted, "transcript"),
        ["conversation.item.input_audio_transcription.failed"] = new(CaptionEventKind.UserFailed),
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
        ["error"] = new(CaptionEventKind.Error),
    };

    /// <summary>One event, or an error naming its type and the field that is wrong.</summary>
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

        if (ReadId(e, "event_id", out var eventId) is { } idError) return Fail($"{where}: {idError}");

        string? itemId = null;
        var contentIndex = 0;
        if (shape.HasSegment || shape.MsField is not null)
        {
            if (ReadId(e, "item_id", out itemId) is { } itemError) return Fail($"{where}: {itemError}");
        }

        if (shape.HasSegment && e.TryGetProperty("content_index", out var index)
            && (index.ValueKind != JsonValueKind.Number || !index.TryGetInt32(out contentIndex) || contentIndex < 0))
        {
            return Fail($"{where}: 'content_index' must be a non-negative integer");
        }

        string? text = null;
        if (shape.TextField is { } textField)
        {
            if (!e.TryGetProperty(textField, out var textValue) || textValue.ValueKind != JsonValueKind.String)
            {
                return Fail($"{where}: '{textField}' is required and must be a string");
            }

            text = textValue.GetString()!;
            if (Encoding.UTF8.GetByteCount(text) > MaxTextBytes)
            {
                return Fail($"{where}: '{textField}' is longer than {MaxTextBytes} bytes");
            }
        }

        long? audioMs = null;
        if (shape.MsField is { } msField)
        {
            if (!e.TryGetProperty(msField, out var ms) || ms.ValueKind != JsonValueKind.Number
                || !ms.TryGetInt64(out var value) || value < 0)
            {
                return Fail($"{where}: '{msField}' is required and must be a non-negative integer");
            }

            audioMs = value;
        }

        return (new CaptionEvent(eventId!, shape.Kind, itemId, contentIndex, text, audioMs), null);
    }

    /// <summary>A JSON array of events, all or nothing: the first malformed one refuses the batch, naming its index.</summary>
    public static (IReadOnlyList<CaptionEvent>? Events, string? Error) ParseBatch(JsonElement events) =>
        events.ValueKind != JsonValueKind.Array ? (null, $"events must be a JSON array, got {Describe(events.ValueKind)}")
        : events.GetArrayLength() > MaxBatch ? (null, TooMany(events.GetArrayLength()))
        : ParseBatch(events.EnumerateArray().ToList());

    /// <summary>A batch of events, all or nothing: the first malformed one refuses the batch, naming its index.</summary>
    public static (IReadOnlyList<CaptionEvent>? Events, string? Error) ParseBatch(IReadOnlyList<JsonElement> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > MaxBatch) return (null, TooMany(events.Count));

        var parsed = new CaptionEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (parsedEvent, error) = Parse(events[i], $"event {i}");
            if (error is not null) return (null, error);
            parsed[i] = parsedEvent!;
        }

        return (parsed, null);
    }

    private static string? ReadId(JsonElement e, string name, out string? id)
    {
        id = null;
        if (!e.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return $"'{name}' is required and must be a string";
        }

        id = value.GetString()!;
        return id.Length is 0 or > MaxIdLength ? $"'{name}' must have 1 to {MaxIdLength} characters" : null;
    }

    private static string TooMany(int count) => $"a batch holds at most {MaxBatch} events, got {count}";

    private static (CaptionEvent?, string?) Fail(string error) => (null, error);

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();

    // An error echoes the type, but never a huge one.
    private static string Shorten(string type) => type.Length <= 80 ? type : type[..80] + "…";
}
