using System.Globalization;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Auth;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>A tenant policy with its signing key and token validation parameters built once.</summary>
public sealed record CachedTenant(TenantPolicy Policy, SymmetricSecurityKey SigningKey, TokenValidationParameters ValidationParameters)
{
    public static CachedTenant From(TenantPolicy policy)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(policy.SigningSecret)) { KeyId = policy.TenantId };
        var parameters = TenantJwtBearer.ValidationParameters();
        parameters.IssuerSigningKey = key;
        parameters.ValidateIssuer = policy.Issuer is not null;
        parameters.ValidIssuer = policy.Issuer;
        parameters.ValidateAudience = policy.Audience is not null;
        parameters.ValidAudience = policy.Audience;
        return new(policy, key, parameters);
    }

    // The key's bytes are the signing secret: keep them out of any printed form.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Policy = {Policy}");
        return true;
    }
}
