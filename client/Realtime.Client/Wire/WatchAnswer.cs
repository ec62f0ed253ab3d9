namespace Realtime.Client.Wire;

/// <summary>The hub's answer to <c>Watch</c>: the session's state, its last seq, and every update after the asked seq.</summary>
public sealed record WatchAnswer(string State, long LastSeq, IReadOnlyList<Caption> Updates);
