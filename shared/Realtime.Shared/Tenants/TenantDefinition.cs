using System.Globalization;
using System.Text;

namespace Realtime.Shared.Tenants;

/// <summary>
/// What an operator provisions for a tenant (PUT /admin/tenants/{tid}); a PUT replaces the whole definition.
/// Carries secrets in plain text inside the cluster only; <see cref="ToString"/> never prints them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.TenantDefinition")]
public sealed record TenantDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string SigningSecret,
    [property: Id(2)] string? OpenAIApiKey,
    [property: Id(3)] TenantLimits Limits,
    [property: Id(4)] IReadOnlyList<string> AllowedModels,
    [property: Id(5)] bool Suspended,
    [property: Id(6)] IReadOnlyList<string>? AllowedOrigins = null,
    [property: Id(7)] string? Issuer = null,
    [property: Id(8)] string? Audience = null,
    [property: Id(9)] TranscriptionPolicy? Transcription = null)
{
    // Records print every property by default; secrets must never reach a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Name = {Name}, Limits = {Limits}, AllowedModels = [{string.Join(", ", AllowedModels)}], Suspended = {Suspended}, AllowedOrigins = [{string.Join(", ", AllowedOrigins ?? [])}], Issuer = {Issuer}, Audience = {Audience}, Transcription = {Transcription}");
        return true;
    }
}
