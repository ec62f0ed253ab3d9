namespace Realtime.Client.Wire;

/// <summary>
/// The hub's answer to <c>Watch</c>: the session's state, its last seq, and every update after the asked seq; or,
/// when refused, a <see cref="Refusal"/> (the same type as Publish's) with the others null or empty.
/// </summary>
public sealed record WatchAnswer(string? State, long? LastSeq, IReadOnlyList<Caption>? Updates, HubRefusal? Refusal = null);
