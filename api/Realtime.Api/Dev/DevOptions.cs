namespace Realtime.Api.Dev;

/// <summary>Configuration section <c>Dev</c>: the dev tenant and POST /dev/token. On in the Development environment.</summary>
public sealed class DevOptions
{
    public const string Section = "Dev";
    public const string TenantId = "dev";

    public bool Enabled { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 60;
}
