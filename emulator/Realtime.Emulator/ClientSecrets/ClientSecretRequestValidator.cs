using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Emulator.Calls;
using Realtime.Emulator.Errors;

namespace Realtime.Emulator.ClientSecrets;

/// <summary>
/// Checks a client_secrets body against OpenAI's GA contract and applies its defaults. Pure: a
/// parsed body in, a request or the first OpenAI error out, so every rule is unit-testable.
/// A <c>session</c> field GA does not have (beta-only ones included) is refused as <c>unknown_parameter</c>, by the
/// same GA field lists as <c>session.update</c> (<see cref="SessionUpdateValidator"/>), as OpenAI refuses it.
/// </summary>
internal static class ClientSecretRequestValidator
{
    public const int DefaultSeconds = 600;
    public const int MinSeconds = 10;
    public const int MaxSeconds = 7200;
    public const string DefaultModel = "gpt-realtime";

    private static readonly string[] TopLevelFields = ["expires_after", "session"];
    private static readonly string[] ExpiresAfterFields = ["anchor", "seconds"];
    private static readonly string[] Anchors = ["created_at"];
    private static readonly string[] SessionTypes = ["realtime", "transcription"];

    /// <summary>The session fields whose JSON kind is checked here; the other GA fields are echoed as sent.</summary>
    private static readonly Dictionary<string, JsonValueKind> SessionFieldKinds = new()
    {
        ["model"] = JsonValueKind.String,
        ["instructions"] = JsonValueKind.String,
        ["audio"] = JsonValueKind.Object,
        ["tools"] = JsonValueKind.Array,
        ["output_modalities"] = JsonValueKind.Array,
        ["include"] = JsonValueKind.Array,
    };

    public static Outcome<ClientSecretRequest> Validate(JsonNode? body)
    {
        if (body is not JsonObject root) return OpenAIError.BodyNotObject(JsonKinds.Describe(body));
        if (FirstUnknown(root, TopLevelFields) is { } unknown) return OpenAIError.UnknownParameter(unknown);

        var seconds = root.TryGetPropertyValue("expires_after", out var expiresAfter)
            ? ValidateExpiresAfter(expiresAfter)
            : DefaultSeconds;
        if (seconds.Error is { } expiryError) return expiryError;

        var session = root.TryGetPropertyValue("session", out var sessionNode)
            ? ValidateSession(sessionNode)
            : new JsonObject { ["type"] = "realtime", ["model"] = DefaultModel };
        if (session.Error is { } sessionError) return sessionError;

        return new ClientSecretRequest(seconds.Value, session.Value!);
    }

    private static Outcome<int> ValidateExpiresAfter(JsonNode? node)
    {
        if (node is not JsonObject expiresAfter) return OpenAIError.InvalidType("expires_after", "an object", JsonKinds.Describe(node));
        if (FirstUnknown(expiresAfter, ExpiresAfterFields, "expires_after.") is { } unknown) return OpenAIError.UnknownParameter(unknown);

        // anchor has a single legal value, created_at, which is also what an absent anchor means.
        if (expiresAfter.TryGetPropertyValue("anchor", out var anchor) && ValidateEnum("expires_after.anchor", anchor, Anchors) is { } anchorError)
            return anchorError;

        return expiresAfter.TryGetPropertyValue("seconds", out var seconds)
            ? ValidateSeconds(seconds)
            : DefaultSeconds;
    }

    private static Outcome<int> ValidateSeconds(JsonNode? node)
    {
        const string param = "expires_after.seconds";
        if (JsonKinds.Of(node) != JsonValueKind.Number || !JsonKinds.IsIntegerLiteral(node!))
            return OpenAIError.InvalidType(param, "an integer", JsonKinds.Describe(node));

        var text = node!.ToJsonString();
        // An integer literal too large for a long still deserves a range error, not a type error.
        if (!node.AsValue().TryGetValue<long>(out var value))
            return text.StartsWith('-') ? OpenAIError.BelowMinimum(param, MinSeconds, text) : OpenAIError.AboveMaximum(param, MaxSeconds, text);
        if (value < MinSeconds) return OpenAIError.BelowMinimum(param, MinSeconds, text);
        if (value > MaxSeconds) return OpenAIError.AboveMaximum(param, MaxSeconds, text);
        return (int)value;
    }

    private static Outcome<JsonObject> ValidateSession(JsonNode? node)
    {
        if (node is not JsonObject session) return OpenAIError.InvalidType("session", "an object", JsonKinds.Describe(node));
        if (!session.TryGetPropertyValue("type", out var type)) return OpenAIError.MissingParameter("session.type");
        if (ValidateEnum("session.type", type, SessionTypes) is { } typeError) return typeError;

        if (SessionUpdateValidator.FirstUnknownField(session, (string)type!) is { } unknown) return OpenAIError.UnknownParameter(unknown);
        if (ValidateFieldKinds(session) is { } kindError) return kindError;
        if (session["model"] is JsonValue model && (string)model! == "") return OpenAIError.EmptyString("session.model");

        return (JsonObject)session.DeepClone();
    }

    private static OpenAIError? ValidateFieldKinds(JsonObject session)
    {
        foreach (var (name, value) in session)
        {
            if (!SessionFieldKinds.TryGetValue(name, out var expected)) continue;
            if (JsonKinds.Of(value) != expected)
                return OpenAIError.InvalidType($"session.{name}", JsonKinds.Expected(expected), JsonKinds.Describe(value));
        }
        return null;
    }

    private static OpenAIError? ValidateEnum(string param, JsonNode? node, string[] allowed)
    {
        if (JsonKinds.Of(node) != JsonValueKind.String) return OpenAIError.InvalidType(param, "a string", JsonKinds.Describe(node));
        var value = (string)node!;
        return allowed.Contains(value, StringComparer.Ordinal) ? null : OpenAIError.InvalidValue(param, value, allowed);
    }

    private static string? FirstUnknown(JsonObject obj, string[] known, string prefix = "") =>
        obj.Select(p => p.Key).Where(key => !known.Contains(key, StringComparer.Ordinal)).Select(key => prefix + key).FirstOrDefault();
}
