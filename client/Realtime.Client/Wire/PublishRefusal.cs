namespace Realtime.Client.Wire;

/// <summary>
/// Why the hub applied nothing of a <c>Publish</c>: a stable <see cref="Code"/> (<see cref="PublishRefusalCodes"/>)
/// to act on, a sentence for people, and for <c>rate_limited</c> how long to wait before sending again.
/// </summary>
public sealed record PublishRefusal(string Code, string Message, int? RetryAfterMs = null);
