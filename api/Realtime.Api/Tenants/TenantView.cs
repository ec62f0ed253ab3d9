using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>A tenant as GET /admin/tenants/{tid} shows it: secrets masked, never returned.</summary>
public sealed record TenantView(
    string TenantId,
    string Name,
    string SigningSecret,
    string? OpenaiApiKey,
    TenantLimitsView Limits,
    IReadOnlyList<string> AllowedModels,
    bool Suspended,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> AllowedOrigins,
    string? Issuer,
    string? Audience,
    TranscriptionPolicyView Transcription)
{
    public const string Mask = "********";

    public static TenantView From(TenantPolicy policy) => new(
        policy.TenantId,
        policy.Name,
        Mask,
        policy.OpenAIApiKey is null ? null : Mask,
        TenantLimitsView.From(policy.Limits),
        policy.AllowedModels,
        policy.Suspended,
        policy.UpdatedAt,
        policy.Origins,
        policy.Issuer,
        policy.Audience,
        TranscriptionPolicyView.From(policy.InputTranscription));
}
