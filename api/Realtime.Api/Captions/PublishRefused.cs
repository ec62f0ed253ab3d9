namespace Realtime.Api.Captions;

/// <summary>
/// Why a Publish applied nothing: a stable <see cref="Code"/> (<see cref="PublishRefusalCodes"/>) for the client
/// to act on, a sentence for people, and for <c>rate_limited</c> how long to wait before sending the batch again.
/// </summary>
public sealed record PublishRefused(string Code, string Message, int? RetryAfterMs = null);
