using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>A tenant's limits on the wire (snake_case; docs/design.md §Admin routes).</summary>
public sealed record TenantLimitsView(int PerMinute, int PerHour, int ConcurrentSessions, int TenantPerMinute)
{
    public static TenantLimitsView From(TenantLimits limits) =>
        new(limits.PerMinute, limits.PerHour, limits.ConcurrentSessions, limits.TenantPerMinute);
}
