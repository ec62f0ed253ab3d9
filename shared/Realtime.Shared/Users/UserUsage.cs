namespace Realtime.Shared.Users;

/// <summary>A user's current consumption of their budgets.</summary>
[GenerateSerializer, Immutable, Alias("Realtime.UserUsage")]
public sealed record UserUsage(
    [property: Id(0)] int LastMinute,
    [property: Id(1)] int LastHour,
    [property: Id(2)] int OpenSessions);
