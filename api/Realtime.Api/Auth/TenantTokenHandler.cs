using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Tenants;

namespace Realtime.Api.Auth;

/// <summary>
/// Validates a user JWT against the one tenant its <c>tid</c> names: <see cref="IdentityClaims"/> reads the
/// identity claims (refusing any ambiguity), the tenant is loaded, and the token is validated with that tenant's
/// own parameters (its key only, its issuer and audience when set). The principal is built from that tenant and
/// those claims, so the tenant a request acts for is, by construction, the tenant whose key validated it.
/// </summary>
public sealed class TenantTokenHandler(TenantPolicyCache tenants) : JsonWebTokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var claims = IdentityClaims.Read(token);
        if (!claims.IsValid) return Refused(new IdentityClaimsException(claims.Refusal!));
        if (await tenants.GetAsync(claims.TenantId!) is not { } tenant)
            return Refused(new SecurityTokenSignatureKeyNotFoundException("The token's tenant does not exist."));

        var result = await base.ValidateTokenAsync(token, tenant.ValidationParameters);
        if (!result.IsValid) return result;
        result.ClaimsIdentity = new CallerIdentity(new Caller(tenant.Policy.TenantId, claims.UserId!, claims.Watch));
        return result;
    }

    private static TokenValidationResult Refused(Exception reason) => new() { IsValid = false, Exception = reason };
}
