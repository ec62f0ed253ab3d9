namespace Realtime.Shared.Users;

/// <summary>The per-user limits of the user's tenant, passed with each reservation so the user grain needs no tenant hop.</summary>
[GenerateSerializer, Immutable, Alias("Realtime.UserLimits")]
public sealed record UserLimits(
    [property: Id(0)] int PerMinute,
    [property: Id(1)] int PerHour,
    [property: Id(2)] int ConcurrentSessions);
