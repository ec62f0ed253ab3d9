namespace Realtime.Shared.Users;

/// <summary>
/// The answer to <see cref="IUserGrain.Reserve"/>: either a reservation to commit or release,
/// or the limit that refused it and when to retry.
/// </summary>
[GenerateSerializer, Immutable, Alias("Realtime.Reservation")]
public sealed record Reservation(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string? RefusedBy,
    [property: Id(2)] TimeSpan RetryAfter)
{
    public bool Granted => RefusedBy is null;

    public static Reservation Grant(Guid id) => new(id, null, TimeSpan.Zero);

    public static Reservation Refuse(string limit, TimeSpan retryAfter) => new(Guid.Empty, limit, retryAfter);
}
