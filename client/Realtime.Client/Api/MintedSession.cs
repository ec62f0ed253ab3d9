using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Client.Api;

/// <summary>
/// The api's answer to a mint: the ephemeral <c>ek_</c> secret, the session it belongs to, and where to post the
/// SDP offer. <see cref="Answer"/> is the whole answer as sent, for callers that print or forward it.
/// </summary>
public sealed record MintedSession(
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("expires_at")] long ExpiresAt,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("calls_url")] string? CallsUrl)
{
    [JsonIgnore]
    public JsonElement Answer { get; init; }

    /// <summary>Keeps the secret out of logs and debugger displays that print records.</summary>
    public override string ToString() => $"MintedSession {{ SessionId = {SessionId}, Model = {Model}, ExpiresAt = {ExpiresAt} }}";
}
