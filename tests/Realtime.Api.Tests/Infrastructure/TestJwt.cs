using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>Builds user JWTs the way a tenant's backend (or an attacker) would.</summary>
public static class TestJwt
{
    public static string Create(string secret, string? tid, string? sub, string? watch = null,
        TimeSpan? lifetime = null, string algorithm = SecurityAlgorithms.HmacSha256, bool withExpiry = true)
    {
        var claims = new Dictionary<string, object>();
        if (tid is not null) claims["tid"] = tid;
        if (sub is not null) claims["sub"] = sub;
        if (watch is not null) claims["watch"] = watch;
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            // An already-expired token needs issued/not-before in its past too.
            IssuedAt = expires < now ? expires - TimeSpan.FromMinutes(10) : now,
            NotBefore = expires < now ? expires - TimeSpan.FromMinutes(10) : now,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm),
        };
        if (withExpiry) descriptor.Expires = expires;
        // Without default times the handler adds no exp of its own.
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = withExpiry };
        return handler.CreateToken(descriptor);
    }

    /// <summary>
    /// A token whose payload is exactly <paramref name="payloadJson"/> (duplicates, odd cases and all), signed HS256
    /// with <paramref name="secret"/>: what an attacker holding one tenant's secret can send.
    /// </summary>
    public static string Raw(string secret, string payloadJson)
    {
        static string B64(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
        var signingInput = $"{B64(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"))}.{B64(Encoding.UTF8.GetBytes(payloadJson))}";
        var signature = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{B64(signature)}";
    }

    /// <summary>A numeric exp ten minutes from now, for <see cref="Raw"/> payloads.</summary>
    public static long Expiry => DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();

    /// <summary>An unsigned token (alg "none") carrying the given claims.</summary>
    public static string Unsigned(string tid, string sub)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"tid\":\"{tid}\",\"sub\":\"{sub}\",\"exp\":{exp}}}")}.";
    }
}
