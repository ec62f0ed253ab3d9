using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Realtime.Emulator.Errors;

namespace Realtime.Emulator.Auth;

/// <summary>
/// Checks the platform key (<c>Authorization: Bearer sk-…</c>) on the endpoints that take one.
/// Accepts the keys in <c>Emulator:ApiKeys</c>, or any <c>sk-</c> key when none are listed.
/// An ephemeral <c>ek_</c> secret is never a platform key, as at OpenAI.
/// </summary>
internal sealed class ApiKeyAuthenticator(IOptionsMonitor<EmulatorOptions> options)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Null when the request carries an accepted key; otherwise the 401 to answer.</summary>
    public OpenAIError? Check(HttpRequest request)
    {
        var key = BearerToken(request);
        if (string.IsNullOrEmpty(key)) return OpenAIError.MissingApiKey();
        return IsAccepted(key) ? null : OpenAIError.InvalidApiKey(ApiKeyMask.Mask(key));
    }

    /// <summary>The bearer token, or null when there is none (no header, another scheme, blank).</summary>
    internal static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[BearerPrefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private bool IsAccepted(string key)
    {
        if (key.StartsWith("ek_", StringComparison.Ordinal)) return false;
        var listed = options.CurrentValue.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray();
        if (listed.Length == 0) return key.StartsWith("sk-", StringComparison.Ordinal) && key.Length > "sk-".Length;
        var sent = Encoding.UTF8.GetBytes(key);
        // Fixed-time comparison, so response timing does not leak how much of a key matched.
        return listed.Any(k => CryptographicOperations.FixedTimeEquals(sent, Encoding.UTF8.GetBytes(k)));
    }
}
