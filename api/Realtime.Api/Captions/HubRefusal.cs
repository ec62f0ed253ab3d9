namespace Realtime.Api.Captions;

/// <summary>
/// Why the hub refused a Publish or a Watch: a stable <see cref="Code"/> (<see cref="HubRefusalCodes"/>) for the client
/// to act on, a sentence for people, and for <c>rate_limited</c> how long to wait before sending the batch again.
/// </summary>
public sealed record HubRefusal(string Code, string Message, int? RetryAfterMs = null);
