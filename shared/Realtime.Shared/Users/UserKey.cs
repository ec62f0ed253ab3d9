namespace Realtime.Shared.Users;

/// <summary>Builds and splits user grain keys "{tid}/{sub}". Tenant ids never contain '/', user ids may.</summary>
public static class UserKey
{
    public static string For(string tenantId, string userId) => $"{tenantId}/{userId}";

    public static (string TenantId, string UserId) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0) throw new ArgumentException($"'{key}' is not a user key of the form tid/sub.", nameof(key));
        return (key[..slash], key[(slash + 1)..]);
    }
}
