using System.Text.Json.Nodes;

namespace Realtime.Api.Tokens;

/// <summary>
/// The answer of POST /api/realtime-token (serialized snake_case): everything a client needs, no server key.
/// <paramref name="Value"/> repeats <paramref name="ClientSecret"/> under the name OpenAI's own answer and the Agents
/// SDK's token servers use, so their clients read it unchanged; <paramref name="Session"/> is the effective session
/// upstream returned (its defaults included), as OpenAI answers it.
/// </summary>
public sealed record TokenResponse(string ClientSecret, string Value, long ExpiresAt, string SessionId, string Model, string CallsUrl, JsonObject Session);
