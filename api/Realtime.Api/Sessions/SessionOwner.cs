namespace Realtime.Api.Sessions;

/// <summary>The immutable facts about a session that authorization needs.</summary>
public sealed record SessionOwner(string SessionId, string TenantId, string UserId);
