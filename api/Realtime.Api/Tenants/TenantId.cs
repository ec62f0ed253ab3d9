using System.Text.RegularExpressions;

namespace Realtime.Api.Tenants;

/// <summary>Tenant ids: 1–64 of lower-case letters, digits, '-' and '_' (they form grain keys and URLs).</summary>
public static partial class TenantId
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();
}
