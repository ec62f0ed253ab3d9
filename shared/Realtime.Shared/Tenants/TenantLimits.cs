using Realtime.Shared.Users;

namespace Realtime.Shared.Tenants;

/// <summary>A tenant's rate limits. Zero or negative values are refused at the admin endpoint.</summary>
[GenerateSerializer, Immutable, Alias("Realtime.TenantLimits")]
public sealed record TenantLimits(
    [property: Id(0)] int PerMinute,
    [property: Id(1)] int PerHour,
    [property: Id(2)] int ConcurrentSessions,
    [property: Id(3)] int TenantPerMinute)
{
    /// <summary>The defaults (docs/design.md §Rate budgets): 10/min and 100/h per user, 3 concurrent sessions, 1000/min per tenant.</summary>
    public static TenantLimits Default { get; } = new(10, 100, 3, 1000);

    public UserLimits ForUser() => new(PerMinute, PerHour, ConcurrentSessions);
}
