using System.Text.Json.Nodes;
using Realtime.Api.Http;
using Realtime.Api.Problems;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>Validates the body of PUT /admin/tenants/{tid}. Omitted limits take the defaults; omitted origins, issuer and audience mean none; an omitted transcription is the default.</summary>
public static class TenantDefinitionReader
{
    public const int MinSigningSecretLength = SigningSecretRules.MinLength;
    private const int MaxLimit = 10_000_000;
    private static readonly string[] Fields = ["name", "signing_secret", "openai_api_key", "limits", "allowed_models", "suspended", "allowed_origins", "issuer", "audience", "transcription"];
    private static readonly string[] LimitFields = ["per_minute", "per_hour", "concurrent_sessions", "tenant_per_minute"];

    public static (TenantDefinition? Definition, Refusal? Refusal) Read(JsonNode? body)
    {
        if (body is not JsonObject json) return (null, new Refusal("The body must be a JSON object with at least name and signing_secret.", ""));
        var fields = new JsonFields(json);
        fields.RefuseUnknown(Fields);
        var name = fields.String("name", 128, required: true);
        var secret = fields.String("signing_secret", 1024, required: true);
        var openAIKey = fields.String("openai_api_key", 1024);
        var limitsJson = fields.Object("limits");
        var models = fields.StringArray("allowed_models") ?? [];
        var suspended = fields.Boolean("suspended") ?? false;
        var origins = fields.StringArray("allowed_origins", maxLength: 256) ?? [];
        var issuer = fields.String("issuer", 256);
        var audience = fields.String("audience", 256);
        var transcriptionJson = fields.Object("transcription");
        if (fields.Error is { } error) return (null, error);
        if (string.IsNullOrWhiteSpace(name)) return (null, new Refusal("'name' must not be empty.", "name"));
        if (secret!.Length < MinSigningSecretLength)
            return (null, new Refusal($"'signing_secret' must be at least {MinSigningSecretLength} characters.", "signing_secret"));
        if (!SigningSecretRules.IsAcceptable(secret))
            return (null, new Refusal("'signing_secret' must not be all whitespace or one repeated character; use a random secret.", "signing_secret"));
        if (issuer is { } iss && string.IsNullOrWhiteSpace(iss)) return (null, new Refusal("'issuer' must not be empty; omit it to accept any iss.", "issuer"));
        if (audience is { } aud && string.IsNullOrWhiteSpace(aud)) return (null, new Refusal("'audience' must not be empty; omit it to accept any aud.", "audience"));
        var (allowedOrigins, originError) = AllowedOrigins.Read(origins);
        if (originError is not null) return (null, originError);
        if (openAIKey is { Length: 0 }) return (null, new Refusal("'openai_api_key' must not be empty; omit it to use the platform key.", "openai_api_key"));
        var (limits, limitsError) = ReadLimits(limitsJson);
        if (limitsError is not null) return (null, limitsError);
        var (transcription, transcriptionError) = TranscriptionPolicyReader.Read(transcriptionJson, models);
        if (transcriptionError is not null) return (null, transcriptionError);
        return (new TenantDefinition(name, secret, openAIKey, limits!, models, suspended, allowedOrigins, issuer, audience, transcription), null);
    }

    private static (TenantLimits? Limits, Refusal? Refusal) ReadLimits(JsonObject? json)
    {
        var defaults = TenantLimits.Default;
        if (json is null) return (defaults, null);
        var fields = new JsonFields(json, "limits.");
        fields.RefuseUnknown(LimitFields);
        var limits = new TenantLimits(
            Positive(fields, "per_minute") ?? defaults.PerMinute,
            Positive(fields, "per_hour") ?? defaults.PerHour,
            Positive(fields, "concurrent_sessions") ?? defaults.ConcurrentSessions,
            Positive(fields, "tenant_per_minute") ?? defaults.TenantPerMinute);
        return fields.Error is { } error ? (null, error) : (limits, null);
    }

    private static int? Positive(JsonFields fields, string name)
    {
        var value = fields.Integer(name);
        if (value is null or (> 0 and <= MaxLimit)) return value;
        fields.Fail($"'limits.{name}' must be between 1 and {MaxLimit}.", name);
        return null;
    }
}
