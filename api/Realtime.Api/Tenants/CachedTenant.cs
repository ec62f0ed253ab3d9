using System.Text;
using Microsoft.IdentityModel.Tokens;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>A tenant policy with its signing key built once.</summary>
public sealed record CachedTenant(TenantPolicy Policy, SymmetricSecurityKey SigningKey)
{
    public static CachedTenant From(TenantPolicy policy) =>
        new(policy, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(policy.SigningSecret)) { KeyId = policy.TenantId });

    // The key's bytes are the signing secret: keep them out of any printed form.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Policy = {Policy}");
        return true;
    }
}
