namespace Realtime.Client.Wire;

/// <summary>The hub's <c>SessionState({ sessionId, state })</c> message (<c>live</c>, <c>ended</c>, …).</summary>
public sealed record SessionStateChange(string SessionId, string State);
