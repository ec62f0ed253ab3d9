using System.Text.Json.Nodes;

namespace Realtime.Api.Tokens;

/// <summary>The body of POST /api/realtime-token, every field optional (docs/design.md §POST /api/realtime-token).</summary>
public sealed record TokenRequest(string? Type, string? Model, int TtlSeconds, string? Instructions, JsonObject? Session)
{
    public const int DefaultTtlSeconds = 300;
    public const int MinTtlSeconds = 60;
    public const int MaxTtlSeconds = 600;

    public static TokenRequest Empty { get; } = new(null, null, DefaultTtlSeconds, null, null);
}
