namespace Realtime.Api.RateLimiting;

/// <summary>Configuration section <c>RateLimiting:Unauthenticated</c>: what one client address may send without a valid token.</summary>
public sealed class UnauthenticatedRateLimitOptions
{
    public const string Section = "RateLimiting:Unauthenticated";

    /// <summary>Requests per minute per client address (failed auth, <c>/dev/token</c>, unauthenticated hub connects); 0 turns the limit off.</summary>
    public int PermitsPerMinute { get; set; } = 60;
}
