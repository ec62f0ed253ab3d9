using System.Text.Json.Serialization;

namespace Realtime.Client.Api;

/// <summary>The body of <c>POST /api/realtime-token</c>; every field is optional and null ones are not sent.</summary>
public sealed record MintRequest
{
    /// <summary><c>realtime</c> (a conversation) or <c>transcription</c> (captions only).</summary>
    public string? Type { get; init; }

    public string? Model { get; init; }

    /// <summary>The secret's lifetime, 60–600 s (the api's default is 300).</summary>
    [JsonPropertyName("ttl_seconds")]
    public int? TtlSeconds { get; init; }

    public string? Instructions { get; init; }
}
