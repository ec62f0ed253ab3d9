namespace Realtime.Shared.Users;

/// <summary>What the api learned from upstream when a reserved secret was minted.</summary>
[GenerateSerializer, Immutable, Alias("Realtime.SessionGrant")]
public sealed record SessionGrant(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Model,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset ExpiresAt);
