namespace Realtime.Api.Captions;

/// <summary>The hub's <c>SessionState({ sessionId, state })</c> message.</summary>
public sealed record SessionStateMessage(string SessionId, string State);
