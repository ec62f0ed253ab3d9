using System.Text.RegularExpressions;

namespace Realtime.Api.Tenants;

/// <summary>Tenant ids: 1–64 of lower-case letters, digits, '-' and '_' (they form grain keys and URLs).</summary>
public static partial class TenantId
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    // \z, not $: '$' also matches before a final newline, so "dev\n" would pass.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]{0,63}\z")]
    private static partial Regex Pattern();
}
