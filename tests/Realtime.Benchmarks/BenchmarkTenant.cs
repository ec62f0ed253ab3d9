using System.Security.Cryptography;

namespace Realtime.Benchmarks;

/// <summary>The one tenant both servers serve: its id, its HS256 signing secret, and limits that never refuse.</summary>
public sealed record BenchmarkTenant(string TenantId, string SigningSecret, int Limit)
{
    /// <summary>The highest value PUT /admin/tenants accepts for every limit.</summary>
    public const int NeverRefuse = 10_000_000;

    public static BenchmarkTenant Create() =>
        new("bench", "bench-secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), NeverRefuse);
}
