using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Tenants;

namespace Realtime.Api.Auth;

/// <summary>Signs user JWTs with a tenant's secret (HS256), as a tenant's own backend would.</summary>
public sealed class UserTokenIssuer(TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public string Issue(CachedTenant tenant, string userId, TimeSpan lifetime, string? watch = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [ClaimNames.Tenant] = tenant.Policy.TenantId, [ClaimNames.Subject] = userId };
        if (watch is not null) claims[ClaimNames.Watch] = watch;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            // A tenant that requires an issuer or audience would refuse the api's own viewer and dev tokens without them.
            Issuer = tenant.Policy.Issuer,
            Audience = tenant.Policy.Audience,
            SigningCredentials = new SigningCredentials(tenant.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
