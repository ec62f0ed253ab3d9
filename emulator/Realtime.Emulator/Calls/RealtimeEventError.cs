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
