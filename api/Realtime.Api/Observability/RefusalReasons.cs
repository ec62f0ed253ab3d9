namespace Realtime.Api.Observability;

/// <summary>
/// The <c>reason</c> tag of <c>realtime.secrets.refused</c>: why POST /api/realtime-token gave no secret. A
/// fixed vocabulary, so a dashboard can rely on it and no caller input ever becomes a tag value.
/// </summary>
public static class RefusalReasons
{
    public const string PerMinute = "per_minute";
    public const string PerHour = "per_hour";
    public const string ConcurrentSessions = "concurrent_sessions";
    public const string TenantPerMinute = "tenant_per_minute";
    public const string Suspended = "suspended";
    public const string UnknownTenant = "unknown_tenant";
    public const string WatchOnly = "watch_only";
    public const string BadRequest = "bad_request";
    public const string ModelNotAllowed = "model_not_allowed";
    public const string NoApiKey = "no_api_key";
    public const string UpstreamCredentialsRefused = "upstream_credentials_refused";
    public const string UpstreamRefused = "upstream_refused";
    public const string UpstreamRateLimited = "upstream_rate_limited";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string ClientGone = "client_gone";

    /// <summary>A user-budget limit name (LimitName) as a reason; anything unexpected is folded into one value.</summary>
    public static string ForLimit(string limit) => limit switch
    {
        PerMinute or PerHour or ConcurrentSessions or TenantPerMinute => limit,
        _ => "other_limit",
    };
}
