using System.Text.Json.Nodes;
using Realtime.Emulator.Http;

namespace Realtime.Emulator.Errors;

/// <summary>
/// OpenAI's common error shape <c>{ "error": { "message", "type", "param", "code" } }</c> with its HTTP status.
/// Every emulated endpoint answers failures through this, so clients can parse them as they parse OpenAI's.
/// The messages mirror OpenAI's wording, because client code (and people) match on them.
/// </summary>
internal sealed record OpenAIError(int Status, string Message, string Type, string? Param, string? Code)
{
    private const string InvalidRequest = "invalid_request_error";
    private const string KeysPage = "https://platform.openai.com/account/api-keys";

    // Echoed request values are cut short: an error body must stay small whatever was sent.
    private const int MaxEchoedLength = 64;

    public static OpenAIError MissingApiKey() => new(StatusCodes.Status401Unauthorized,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
        $"(i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from {KeysPage}.",
        InvalidRequest, null, null);

    /// <param name="maskedKey">Already masked by <see cref="Auth.ApiKeyMask"/>: the full key is never echoed.</param>
    public static OpenAIError InvalidApiKey(string maskedKey) => new(StatusCodes.Status401Unauthorized,
        $"Incorrect API key provided: {maskedKey}. You can find your API key at {KeysPage}.",
        InvalidRequest, null, "invalid_api_key");

    public static OpenAIError BetaShapeDisabled() => new(StatusCodes.Status400BadRequest,
        "The Realtime API beta shape is no longer available. Remove the 'OpenAI-Beta: realtime=v1' header " +
        "and use the GA request shape.",
        InvalidRequest, null, "beta_api_shape_disabled");

    /// <param name="problem">What the parser found, appended after OpenAI's own wording so clients matching on it still match.</param>
    public static OpenAIError UnparseableJson(string? problem = null) => new(StatusCodes.Status400BadRequest,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library " +
        "correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)" +
        (problem is null ? "" : $" Problem: {problem}"),
        InvalidRequest, null, null);

    public static OpenAIError BodyTooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge,
        $"The request body is too large. The maximum size is {maxBytes} bytes.",
        InvalidRequest, null, "request_too_large");

    public static OpenAIError BodyNotObject(string got) => new(StatusCodes.Status400BadRequest,
        $"Invalid body: expected a JSON object, but got {got} instead.",
        InvalidRequest, null, "invalid_type");

    public static OpenAIError UnknownParameter(string param) => new(StatusCodes.Status400BadRequest,
        $"Unknown parameter: '{param}'.", InvalidRequest, param, "unknown_parameter");

    public static OpenAIError MissingParameter(string param) => new(StatusCodes.Status400BadRequest,
        $"Missing required parameter: '{param}'.", InvalidRequest, param, "missing_required_parameter");

    public static OpenAIError InvalidType(string param, string expected, string got) => new(StatusCodes.Status400BadRequest,
        $"Invalid type for '{param}': expected {expected}, but got {got} instead.", InvalidRequest, param, "invalid_type");

    public static OpenAIError InvalidValue(string param, string value, IEnumerable<string> supported) =>
        new(StatusCodes.Status400BadRequest,
            $"Invalid value: '{Shorten(value)}'. Supported values are: {string.Join(" and ", supported.Select(s => $"'{s}'"))}.",
            InvalidRequest, param, "invalid_value");

    public static OpenAIError BelowMinimum(string param, long minimum, string got) => new(StatusCodes.Status400BadRequest,
        $"Invalid '{param}': integer below minimum value. Expected a value >= {minimum}, but got {Shorten(got)} instead.",
        InvalidRequest, param, "integer_below_min_value");

    public static OpenAIError AboveMaximum(string param, long maximum, string got) => new(StatusCodes.Status400BadRequest,
        $"Invalid '{param}': integer above maximum value. Expected a value <= {maximum}, but got {Shorten(got)} instead.",
        InvalidRequest, param, "integer_above_max_value");

    public static OpenAIError EmptyString(string param) => new(StatusCodes.Status400BadRequest,
        $"Invalid '{param}': string too short. Expected a string with minimum length 1, but got an empty string instead.",
        InvalidRequest, param, "string_too_short");

    /// <summary>A <c>/v1/realtime/calls</c> offer that is not usable SDP; the detail names the offending line.</summary>
    public static OpenAIError InvalidOffer(string detail) => new(StatusCodes.Status400BadRequest,
        $"Invalid SDP offer: {detail}", InvalidRequest, "sdp", "invalid_offer");

    public static OpenAIError UnsupportedContentType(string? got) => new(StatusCodes.Status400BadRequest,
        $"Unsupported content type: '{Shorten(got ?? "")}'. Send the offer as application/sdp or multipart/form-data with an 'sdp' part.",
        InvalidRequest, null, "unsupported_content_type");

    /// <summary>A multipart body whose framing is broken or whose part is over the size cap.</summary>
    public static OpenAIError InvalidMultipart(string detail) => new(StatusCodes.Status400BadRequest,
        $"Invalid multipart/form-data body: {Shorten(detail)}", InvalidRequest, null, "invalid_multipart");

    public static OpenAIError CallNotFound(string callId) => new(StatusCodes.Status404NotFound,
        $"Call '{Shorten(callId)}' not found.", InvalidRequest, "call_id", "call_not_found");

    /// <summary>A valid <c>ek_</c> secret, but not the one that opened the call it tries to end.</summary>
    public static OpenAIError NotTheCallsSecret(string callId) => new(StatusCodes.Status403Forbidden,
        $"This secret did not open call '{Shorten(callId)}'. End a call with the secret that opened it, or with an API key.",
        InvalidRequest, null, "call_not_owned");

    public static OpenAIError WebSocketRequired() => new(StatusCodes.Status400BadRequest,
        "This endpoint is a WebSocket: connect with an Upgrade: websocket request.", InvalidRequest, null, "websocket_required");

    public static OpenAIError OneTargetOnly() => new(StatusCodes.Status400BadRequest,
        "Pass exactly one of 'model' and 'call_id'.", InvalidRequest, "call_id", "invalid_request");

    /// <summary>Only for a bug in the emulator itself: no request is meant to reach this.</summary>
    public static OpenAIError ServerError() => new(StatusCodes.Status500InternalServerError,
        "The server had an error while processing your request. Sorry about that!", "server_error", null, null);

    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = Message,
            ["type"] = Type,
            ["param"] = Param,
            ["code"] = Code,
        },
    };

    public IResult ToResult() => OpenAIJson.Result(ToJson(), Status);

    private static string Shorten(string value) =>
        value.Length <= MaxEchoedLength ? value : string.Concat(value.AsSpan(0, MaxEchoedLength), "…");
}
