namespace Realtime.Client.Api;

/// <summary>
/// Joins the api's base address and a route so an api served under a path prefix (<c>https://host/rt</c>) keeps it:
/// plain <see cref="Uri"/> resolution would drop a last segment without a trailing slash.
/// </summary>
public static class ApiAddress
{
    public static Uri Of(Uri baseAddress, string route)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        return new Uri(root, route.TrimStart('/'));
    }

    /// <summary>A session id as one path segment, whatever a caller typed.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
