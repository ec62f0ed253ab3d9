using System.Text.Json.Nodes;
using Realtime.Api.Http;
using Realtime.Api.Problems;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>
/// Validates a tenant's <c>transcription</c> object. Omitted means the default (on, <see cref="TranscriptionPolicy.DefaultModel"/>);
/// an enabled model outside a restricted <c>allowed_models</c> is refused here, since every realtime secret would be refused later.
/// </summary>
public static class TranscriptionPolicyReader
{
    private const int MaxModelLength = 128;
    private const int MaxLanguageLength = 16;
    private static readonly string[] Fields = ["enabled", "model", "language"];

    public static (TranscriptionPolicy? Policy, Refusal? Refusal) Read(JsonObject? json, IReadOnlyList<string> allowedModels)
    {
        var (policy, error) = json is null ? (TranscriptionPolicy.Default, null) : ReadObject(json);
        if (error is not null) return (null, error);
        if (policy!.Enabled && allowedModels.Count > 0 && !allowedModels.Contains(policy.Model, StringComparer.Ordinal))
            return (null, new Refusal(
                $"Transcription model '{policy.Model}' is not in 'allowed_models'; add it there, or set 'transcription.enabled' to false.",
                "transcription.model"));
        return (policy, null);
    }

    private static (TranscriptionPolicy? Policy, Refusal? Refusal) ReadObject(JsonObject json)
    {
        var fields = new JsonFields(json, "transcription.");
        fields.RefuseUnknown(Fields);
        var enabled = fields.Boolean("enabled") ?? true;
        var model = fields.String("model", MaxModelLength) ?? TranscriptionPolicy.DefaultModel;
        var language = fields.String("language", MaxLanguageLength);
        if (fields.Error is { } error) return (null, error);
        if (string.IsNullOrWhiteSpace(model)) return (null, new Refusal("'transcription.model' must not be empty.", "transcription.model"));
        if (language is not null && !IsLanguageCode(language))
            return (null, new Refusal("'transcription.language' must be an ISO-639 code such as 'en' or 'pt-BR'.", "transcription.language"));
        return (new TranscriptionPolicy(enabled, model, language), null);
    }

    // ISO-639-1/3 with an optional region: letters, then '-' and letters or digits.
    private static bool IsLanguageCode(string language)
    {
        var parts = language.Split('-');
        return parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }
}
