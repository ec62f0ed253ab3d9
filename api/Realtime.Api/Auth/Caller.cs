using System.Security.Claims;

namespace Realtime.Api.Auth;

/// <summary>The authenticated user behind a request: tenant, user id, and an optional watch restriction.</summary>
public sealed record Caller(string TenantId, string UserId, string? Watch)
{
    /// <summary>A token with a <c>watch</c> claim may only watch; it cannot mint secrets.</summary>
    public bool IsWatchOnly => Watch is not null;

    /// <summary>
    /// The caller <see cref="TenantTokenHandler"/> authenticated. Only its identity counts: its tenant is the one
    /// whose key validated the token, and no claim of the principal is read again.
    /// </summary>
    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity is CallerIdentity identity
            ? identity.Caller
            : throw new InvalidOperationException("The request was not authenticated by a tenant's user token.");
    }
}
