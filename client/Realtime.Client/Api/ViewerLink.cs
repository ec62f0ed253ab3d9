using System.Text.Json.Serialization;

namespace Realtime.Client.Api;

/// <summary>A share link (<c>POST /api/sessions/{id}/viewer-token</c>): a watch-only token and the page that uses it.</summary>
public sealed record ViewerLink(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] long ExpiresAt,
    [property: JsonPropertyName("watch_url")] string WatchUrl)
{
    public override string ToString() => $"ViewerLink {{ ExpiresAt = {ExpiresAt} }}";
}
