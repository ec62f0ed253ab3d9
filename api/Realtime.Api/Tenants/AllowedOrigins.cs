using Realtime.Api.Problems;

namespace Realtime.Api.Tenants;

/// <summary>
/// A tenant's <c>allowed_origins</c>: browser origins exactly as a browser sends them in <c>Origin</c>
/// (<c>https://app.example.com</c> or with a port), normalized to lower case. No path, no wildcard: each origin is
/// named, so one tenant's listing never opens the api to pages it did not mean.
/// </summary>
public static class AllowedOrigins
{
    public static (IReadOnlyList<string> Origins, Refusal? Refusal) Read(IReadOnlyList<string> values)
    {
        var origins = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (Normalize(value) is not { } origin)
                return ([], new Refusal($"'allowed_origins' entry '{value}' is not an origin: use scheme://host[:port] with http or https, no path and no wildcard.", "allowed_origins"));
            if (!origins.Contains(origin, StringComparer.Ordinal)) origins.Add(origin);
        }
        return (origins, null);
    }

    /// <summary>The origin in lower case, or null when the text is not exactly an http(s) origin.</summary>
    public static string? Normalize(string value)
    {
        if (value.Contains('*') || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
            return null;
        var origin = uri.GetLeftPart(UriPartial.Authority);
        return string.Equals(origin, value, StringComparison.OrdinalIgnoreCase) ? origin.ToLowerInvariant() : null;
    }
}
