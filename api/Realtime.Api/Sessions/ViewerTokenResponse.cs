namespace Realtime.Api.Sessions;

/// <summary>The answer of POST /api/sessions/{id}/viewer-token (serialized snake_case): a watch-only token and the share link carrying it.</summary>
public sealed record ViewerTokenResponse(string Token, long ExpiresAt, string WatchUrl);
