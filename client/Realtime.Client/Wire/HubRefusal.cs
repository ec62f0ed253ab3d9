namespace Realtime.Client.Wire;

/// <summary>
/// Why the hub refused a <c>Publish</c> or a <c>Watch</c>: a stable <see cref="Code"/> (<see cref="HubRefusalCodes"/>)
/// to act on, a sentence for people, and for <c>rate_limited</c> how long to wait before sending again.
/// </summary>
public sealed record HubRefusal(string Code, string Message, int? RetryAfterMs = null);
