using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Auth;

namespace Realtime.Benchmarks.Load;

/// <summary>Signs one user JWT per client (HS256, the tenant's secret), as the tenant's own backend would.</summary>
public static class UserTokens
{
    /// <summary>Tokens for users "{group}-0000", "{group}-0001", …: a new group is a set of users with no history yet.</summary>
    public static string[] For(BenchmarkTenant tenant, string group, int users, TimeSpan lifetime)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(tenant.SigningSecret)), SecurityAlgorithms.HmacSha256);
        var handler = new JsonWebTokenHandler();
        var now = DateTime.UtcNow;
        return [.. Enumerable.Range(0, users).Select(i => handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { [ClaimNames.Tenant] = tenant.TenantId, [ClaimNames.Subject] = $"{group}-{i:D4}" },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = credentials,
        }))];
    }
}
