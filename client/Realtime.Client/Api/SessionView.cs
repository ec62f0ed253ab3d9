using System.Text.Json.Serialization;

namespace Realtime.Client.Api;

/// <summary>What <c>GET /api/sessions/{id}</c> and <c>POST …/end</c> answer: the session's state, owner and counts.</summary>
public sealed record SessionView(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("event_count")] long EventCount,
    [property: JsonPropertyName("segment_count")] long SegmentCount)
{
    /// <summary>Ended or expired: no caption will follow.</summary>
    public bool IsOver => State is "ended" or "expired";
}
