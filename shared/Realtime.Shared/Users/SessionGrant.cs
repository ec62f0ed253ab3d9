namespace Realtime.Shared.Users;

/// <summary>
/// The session a token request is about to mint: its id, model, type, and when its secret will expire (the api
/// plans this before asking upstream; see <see cref="IUserGrain.MoveExpiry"/> when upstream's differs).
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.SessionGrant")]
public sealed record SessionGrant(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Model,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset ExpiresAt);
