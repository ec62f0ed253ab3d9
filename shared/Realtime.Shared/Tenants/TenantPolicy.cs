using System.Globalization;
using System.Text;

namespace Realtime.Shared.Tenants;

/// <summary>
/// A provisioned tenant as the api needs it on the hot path: keys in plain text (cluster-internal only,
/// never returned by an endpoint), limits, allowed models, suspension. The api caches it briefly.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.TenantPolicy")]
public sealed record TenantPolicy(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Name,
    [property: Id(2)] string SigningSecret,
    [property: Id(3)] string? OpenAIApiKey,
    [property: Id(4)] TenantLimits Limits,
    [property: Id(5)] IReadOnlyList<string> AllowedModels,
    [property: Id(6)] bool Suspended,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] IReadOnlyList<string>? AllowedOrigins = null,
    [property: Id(9)] string? Issuer = null,
    [property: Id(10)] string? Audience = null,
    [property: Id(11)] TranscriptionPolicy? Transcription = null)
{
    /// <summary>The input transcription the broker asks for in realtime sessions; a tenant stored before it existed gets the default.</summary>
    public TranscriptionPolicy InputTranscription => Transcription ?? TranscriptionPolicy.Default;

    /// <summary>Browser origins whose pages may call the api with this tenant's tokens (CORS); none means same origin only.</summary>
    public IReadOnlyList<string> Origins => AllowedOrigins ?? [];

    /// <summary>Whether a page on <paramref name="origin"/> may call the api with this tenant's tokens.</summary>
    public bool AllowsOrigin(string origin) => Origins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    /// <summary>An empty list means every model is allowed.</summary>
    public bool AllowsModel(string model) =>
        AllowedModels.Count == 0 || AllowedModels.Contains(model, StringComparer.Ordinal);

    // Records print every property by default; secrets must never reach a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"TenantId = {TenantId}, Name = {Name}, HasOwnOpenAIKey = {OpenAIApiKey is not null}, Limits = {Limits}, Suspended = {Suspended}, AllowedOrigins = [{string.Join(", ", Origins)}], Issuer = {Issuer}, Audience = {Audience}, Transcription = {InputTranscription}, UpdatedAt = {UpdatedAt:O}");
        return true;
    }
}
