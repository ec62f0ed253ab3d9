namespace Realtime.Shared.Tenants;

/// <summary>
/// A tenant's input transcription for realtime sessions. OpenAI transcribes the speaker only when the session asks
/// for it, and without it no user caption exists, so the broker asks for it unless the tenant turns it off.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.TranscriptionPolicy")]
public sealed record TranscriptionPolicy(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] string Model,
    [property: Id(2)] string? Language = null)
{
    public const string DefaultModel = "gpt-4o-mini-transcribe";

    /// <summary>On, with <see cref="DefaultModel"/> and the language left to the model.</summary>
    public static TranscriptionPolicy Default { get; } = new(true, DefaultModel);
}
