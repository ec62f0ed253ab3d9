using System.Security.Claims;

namespace Realtime.Api.Auth;

/// <summary>
/// The identity of an authenticated user token: the <see cref="Auth.Caller"/> built from the tenant whose key
/// validated it, with the same values as claims for ASP.NET Core's own use (the user name).
/// </summary>
public sealed class CallerIdentity : ClaimsIdentity
{
    public const string AuthenticationTypeName = "TenantJwt";

    public CallerIdentity(Caller caller)
        : base(ClaimsOf(caller), AuthenticationTypeName, ClaimNames.Subject, roleType: null)
    {
        Caller = caller;
    }

    public Caller Caller { get; }

    private static IEnumerable<Claim> ClaimsOf(Caller caller)
    {
        yield return new Claim(ClaimNames.Tenant, caller.TenantId);
        yield return new Claim(ClaimNames.Subject, caller.UserId);
        if (caller.Watch is not null) yield return new Claim(ClaimNames.Watch, caller.Watch);
    }
}
