using System.Text.Json.Nodes;

namespace Realtime.Emulator.Calls;

/// <summary>
/// The <c>error</c> server event's payload (<c>error{type,code,message,param,event_id}</c>): what a client sent
/// on <c>oai-events</c> that OpenAI would refuse. The call stays up; only that event is rejected.
/// </summary>
internal sealed record RealtimeEventError(string Code, string Message, string? Param, string? EventId = null, string Type = "invalid_request_error")
{
    public static RealtimeEventError InvalidJson(string detail) =>
        new("invalid_json", $"The server failed to parse the client event as JSON: {detail}", null);

    public static RealtimeEventError NotAnObject() =>
        new("invalid_type", "Invalid client event: expected a JSON object.", null);

    public static RealtimeEventError MissingType() =>
        new("missing_required_parameter", "Missing required parameter: 'type'.", "type");

    public static RealtimeEventError UnknownEventType(string type, IEnumerable<string> supported) =>
        new("invalid_value", $"Invalid value: '{Shorten(type)}'. Supported values are: {string.Join(", ", supported.Select(s => $"'{s}'"))}.", "type");

    public static RealtimeEventError UnknownParameter(string param) =>
        new("unknown_parameter", $"Unknown parameter: '{param}'.", param);

    public static RealtimeEventError MissingParameter(string param) =>
        new("missing_required_parameter", $"Missing required parameter: '{param}'.", param);

    public static RealtimeEventError InvalidType(string param, string expected, string got) =>
        new("invalid_type", $"Invalid type for '{param}': expected {expected}, but got {got} instead.", param);

    public static RealtimeEventError InvalidValue(string param, string value, IEnumerable<string> supported) =>
        new("invalid_value", $"Invalid value: '{Shorten(value)}'. Supported values are: {string.Join(", ", supported.Select(s => $"'{s}'"))}.", param);

    public static RealtimeEventError InvalidBase64Audio() =>
        new("invalid_value", "Invalid 'audio': expected base64-encoded audio bytes.", "audio");

    public static RealtimeEventError CommitEmpty() =>
        new("input_audio_buffer_commit_empty",
            "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has 0.00ms of audio.", null);

    public static RealtimeEventError DuplicateItemId(string itemId) =>
        new("item_duplicate_id", $"Item with id {Shorten(itemId)} already exists (or is not a string).", "item.id");

    /// <summary>No item with that id: OpenAI's code names the action that failed (retrieve, truncate or delete).</summary>
    public static RealtimeEventError ItemNotFound(string action, string itemId) =>
        new($"item_{action}_invalid_item_id", $"Item with item_id not found: {Shorten(itemId)}", "item_id");

    public static RealtimeEventError OnlyAssistantAudioTruncates(string itemId) =>
        new("item_truncate_invalid_item_id", $"Only assistant messages with audio can be truncated: {Shorten(itemId)}", "item_id");

    public static RealtimeEventError NoActiveResponse() =>
        new("response_cancel_not_active", "Cancellation failed: no active response found", null);

    public static RealtimeEventError ActiveResponse() =>
        new("conversation_already_has_active_response",
            "Conversation already has an active response in progress. Wait until the response is finished before creating a new one.", null);

    /// <summary>The same refusal as an HTTP answer (a 400), for a session that arrives in a request body.</summary>
    public Errors.OpenAIError ToHttpError() => new(StatusCodes.Status400BadRequest, Message, Type, Param, Code);

    public JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["code"] = Code,
        ["message"] = Message,
        ["param"] = Param,
        ["event_id"] = EventId,
    };

    private static string Shorten(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
