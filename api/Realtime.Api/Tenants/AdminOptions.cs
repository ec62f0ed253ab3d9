namespace Realtime.Api.Tenants;

/// <summary>Configuration section <c>Admin</c>: the operator's key for /admin (header X-Admin-Key).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? ApiKey { get; set; }
}
