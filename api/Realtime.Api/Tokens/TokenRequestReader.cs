using System.Text.Json.Nodes;
using Realtime.Api.Http;
using Realtime.Api.Problems;

namespace Realtime.Api.Tokens;

/// <summary>Validates a token request body's shape: known fields, right types, TTL within bounds.</summary>
public static class TokenRequestReader
{
    private static readonly string[] Fields = ["type", "model", "ttl_seconds", "instructions", "session"];

    public static (TokenRequest? Request, Refusal? Refusal) Read(JsonNode? body)
    {
        if (body is null) return (TokenRequest.Empty, null);
        if (body is not JsonObject json) return (null, new Refusal("The body must be a JSON object.", ""));
        var fields = new JsonFields(json);
        fields.RefuseUnknown(Fields);
        var type = fields.String("type", 32);
        var model = fields.String("model", 128);
        var ttl = fields.Integer("ttl_seconds") ?? TokenRequest.DefaultTtlSeconds;
        var instructions = fields.String("instructions", 16 * 1024);
        var session = fields.Object("session");
        if (fields.Error is { } error) return (null, error);
        if (type is not (null or "realtime" or "transcription"))
            return (null, new Refusal("'type' must be 'realtime' or 'transcription'.", "type"));
        if (model is { Length: 0 }) return (null, new Refusal("'model' must not be empty.", "model"));
        if (ttl is < TokenRequest.MinTtlSeconds or > TokenRequest.MaxTtlSeconds)
            return (null, new Refusal($"'ttl_seconds' must be between {TokenRequest.MinTtlSeconds} and {TokenRequest.MaxTtlSeconds}.", "ttl_seconds"));
        return (new TokenRequest(type, model, ttl, instructions, session), null);
    }
}
