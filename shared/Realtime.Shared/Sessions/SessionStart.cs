namespace Realtime.Shared.Sessions;

/// <summary>What a session is issued with when its secret is minted (kept in its record).</summary>
[GenerateSerializer, Immutable, Alias("Realtime.SessionStart")]
public sealed record SessionStart(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Model,
    [property: Id(3)] string Type,
    [property: Id(4)] DateTimeOffset IssuedAt,
    [property: Id(5)] DateTimeOffset ExpiresAt);
