using System.Security.Claims;

namespace Realtime.Api.Auth;

/// <summary>The authenticated user behind a request: tenant, user id, and an optional watch restriction.</summary>
public sealed record Caller(string TenantId, string UserId, string? Watch)
{
    /// <summary>A token with a <c>watch</c> claim may only watch; it cannot mint secrets.</summary>
    public bool IsWatchOnly => Watch is not null;

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimNames.Tenant) ?? throw new InvalidOperationException("An authenticated user has no tid."),
        user.FindFirstValue(ClaimNames.Subject) ?? throw new InvalidOperationException("An authenticated user has no sub."),
        user.FindFirstValue(ClaimNames.Watch));
}
