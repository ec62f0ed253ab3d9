using Realtime.Shared.Tenants;

namespace Realtime.Silo.Tenants;

/// <summary>
/// A tenant as it is persisted. The signing secret and the OpenAI key are kept only as Data Protection
/// ciphertext, so a storage dump (or a backup) never shows them.
/// </summary>
[GenerateSerializer, Alias("Realtime.Silo.TenantRecord")]
public sealed class TenantRecord
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string ProtectedSigningSecret { get; set; } = "";
    [Id(2)] public string? ProtectedOpenAIApiKey { get; set; }
    [Id(3)] public TenantLimits Limits { get; set; } = TenantLimits.Default;
    [Id(4)] public List<string> AllowedModels { get; set; } = [];
    [Id(5)] public bool Suspended { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(7)] public List<string> AllowedOrigins { get; set; } = [];
    [Id(8)] public string? Issuer { get; set; }
    [Id(9)] public string? Audience { get; set; }

    /// <summary>Null in records written before tenants had a transcription policy: the default applies.</summary>
    [Id(10)] public TranscriptionPolicy? Transcription { get; set; }
}
