using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>A tenant's input transcription on the wire (snake_case; docs/design.md §Admin routes).</summary>
public sealed record TranscriptionPolicyView(bool Enabled, string Model, string? Language)
{
    public static TranscriptionPolicyView From(TranscriptionPolicy policy) => new(policy.Enabled, policy.Model, policy.Language);
}
