namespace Realtime.Api.Dev;

/// <summary>Configuration section <c>Dev</c>: the dev tenant and POST /dev/token. On in the Development environment.</summary>
public sealed class DevOptions
{
    public const string Section = "Dev";
    public const string TenantId = "dev";

    public bool Enabled { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary>
    /// Lets a node with the dev features on listen beyond loopback (<c>Dev:AllowRemote</c>); off, such a node
    /// refuses to start, since anyone who reaches <c>/dev/token</c> can mint tokens of the dev tenant.
    /// </summary>
    public bool AllowRemote { get; set; }
}
