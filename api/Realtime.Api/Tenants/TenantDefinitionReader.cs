using System.Text.Json.Nodes;
using Realtime.Api.Http;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>Validates the body of PUT /admin/tenants/{tid}. Omitted limits take the defaults.</summary>
public static class TenantDefinitionReader
{
    public const int MinSigningSecretLength = 32;
    private const int MaxLimit = 10_000_000;
    private static readonly string[] Fields = ["name", "signing_secret", "openai_api_key", "limits", "allowed_models", "suspended"];
    private static readonly string[] LimitFields = ["per_minute", "per_hour", "concurrent_sessions", "tenant_per_minute"];

    public static (TenantDefinition? Definition, (string Detail, string Param)? Error) Read(JsonNode? body)
    {
        if (body is not JsonObject json) return (null, ("The body must be a JSON object with at least name and signing_secret.", ""));
        var fields = new JsonFields(json);
        fields.RefuseUnknown(Fields);
        var name = fields.String("name", 128, required: true);
        var secret = fields.String("signing_secret", 1024, required: true);
        var openAIKey = fields.String("openai_api_key", 1024);
        var limitsJson = fields.Object("limits");
        var models = fields.StringArray("allowed_models") ?? [];
        var suspended = fields.Boolean("suspended") ?? false;
        if (fields.Error is { } error) return (null, error);
        if (string.IsNullOrWhiteSpace(name)) return (null, ("'name' must not be empty.", "name"));
        if (secret!.Length < MinSigningSecretLength)
            return (null, ($"'signing_secret' must be at least {MinSigningSecretLength} characters.", "signing_secret"));
        if (openAIKey is { Length: 0 }) return (null, ("'openai_api_key' must not be empty; omit it to use the platform key.", "openai_api_key"));
        var (limits, limitsError) = ReadLimits(limitsJson);
        if (limitsError is not null) return (null, limitsError);
        return (new TenantDefinition(name, secret, openAIKey, limits!, models, suspended), null);
    }

    private static (TenantLimits? Limits, (string Detail, string Param)? Error) ReadLimits(JsonObject? json)
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
