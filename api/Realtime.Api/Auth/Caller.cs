using System.Security.Claims;

namespace Realtime.Api.Auth;

/// <summary>The authenticated user behind a request: tenant, user id, and an optional watch restriction.</summary>
public sealed record Caller(string TenantId, string UserId, string? Watch)
{
    /// <summary>A token with a <c>watch</c> claim may only watch; it cannot mint secrets.</summary>
    public bool IsWatchOnly => Watch is not null;

    public static Caller From(ClaimsPrincipal user)
    {
        var (tenantId, userId, watch) = ReadClaims(user);
        return new Caller(
            tenantId ?? throw new InvalidOperationException("An authenticated user has no tid."),
            userId ?? throw new InvalidOperationException("An authenticated user has no sub."),
            watch);
    }

    /// <summary>
    /// The first <c>tid</c>, <c>sub</c> and <c>watch</c> claims, matched as <see cref="ClaimsPrincipal.FindFirst(string)"/>
    /// matches them (ordinal, ignoring case), in one pass: every token request reads them twice (validation, then
    /// the endpoint), and each FindFirst allocates a predicate and walks the claims again.
    /// </summary>
    public static (string? TenantId, string? UserId, string? Watch) ReadClaims(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        string? tenantId = null, userId = null, watch = null;
        foreach (var claim in user.Claims)
        {
            if (tenantId is null && Is(claim, ClaimNames.Tenant)) tenantId = claim.Value;
            else if (userId is null && Is(claim, ClaimNames.Subject)) userId = claim.Value;
            else if (watch is null && Is(claim, ClaimNames.Watch)) watch = claim.Value;
        }
        return (tenantId, userId, watch);
    }

    private static bool Is(Claim claim, string type) => string.Equals(claim.Type, type, StringComparison.OrdinalIgnoreCase);
}
