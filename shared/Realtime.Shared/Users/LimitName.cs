namespace Realtime.Shared.Users;

/// <summary>The names of the limits a token request can hit, as they appear in 429 answers.</summary>
public static class LimitName
{
    public const string PerMinute = "per_minute";
    public const string PerHour = "per_hour";
    public const string ConcurrentSessions = "concurrent_sessions";
    public const string TenantPerMinute = "tenant_per_minute";
}
