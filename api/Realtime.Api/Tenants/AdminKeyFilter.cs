using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Realtime.Api.Problems;

namespace Realtime.Api.Tenants;

/// <summary>Lets a request through only with the operator's key in X-Admin-Key, compared in constant time.</summary>
public sealed class AdminKeyFilter(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public const string Header = "X-Admin-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(expected))
            return ValueTask.FromResult<object?>(Problem.Forbidden("The admin API is disabled: no Admin:ApiKey is configured."));
        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (given.Length == 0) return ValueTask.FromResult<object?>(Problem.Unauthorized($"The {Header} header is required."));
        if (!IsAdminKey(given, expected)) return ValueTask.FromResult<object?>(Problem.Unauthorized($"The {Header} header is not the admin key."));
        return next(context);
    }

    /// <summary>
    /// Whether <paramref name="given"/> is the admin key. Hashing first gives both sides one length, so the
    /// constant-time comparison leaks neither content nor length. Every admin-key check (the dashboard's too) uses this.
    /// </summary>
    public static bool IsAdminKey(string given, string expected) => CryptographicOperations.FixedTimeEquals(
        SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
