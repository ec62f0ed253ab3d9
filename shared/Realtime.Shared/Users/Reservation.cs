namespace Realtime.Shared.Users;

/// <summary>
/// The answer to <see cref="IUserGrain.Reserve"/>: a granted reservation, or the limit that refused it and when
/// to retry. A grant carries when its unit was spent, which <see cref="IUserGrain.Release"/> needs to give the
/// unit back in the window second it was counted in.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.Reservation")]
public sealed record Reservation(
    [property: Id(1)] string? RefusedBy,
    [property: Id(2)] TimeSpan RetryAfter,
    [property: Id(3)] DateTimeOffset ReservedAt)
{
    public bool Granted => RefusedBy is null;

    public static Reservation Grant(DateTimeOffset reservedAt) => new(null, TimeSpan.Zero, reservedAt);

    public static Reservation Refuse(string limit, TimeSpan retryAfter) => new(limit, retryAfter, default);
}
