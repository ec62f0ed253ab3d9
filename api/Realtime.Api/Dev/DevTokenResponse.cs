namespace Realtime.Api.Dev;

/// <summary>The answer of POST /dev/token (serialized snake_case): a user JWT for the dev tenant.</summary>
public sealed record DevTokenResponse(string Token);
