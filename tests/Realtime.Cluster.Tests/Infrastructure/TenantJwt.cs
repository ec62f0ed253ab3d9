using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>A user JWT as a tenant's own backend signs it: HS256 with the tenant's signing secret, claims tid, sub, exp.</summary>
public static class TenantJwt
{
    public static string Create(string signingSecret, string tenantId, string userId) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["tid"] = tenantId, ["sub"] = userId },
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingSecret)), SecurityAlgorithms.HmacSha256),
        });
}
