namespace Realtime.Api.Tokens;

/// <summary>The answer of POST /api/realtime-token (serialized snake_case): everything a client needs, no server key.</summary>
public sealed record TokenResponse(string ClientSecret, long ExpiresAt, string SessionId, string Model, string CallsUrl);
