using Microsoft.Extensions.Configuration;

namespace Realtime.Silo.Hosting;

/// <summary>
/// The section <c>Orleans</c> as far as cluster identity and endpoints go, read the same way by the standalone
/// silo, the api's co-hosted silo and the api in client mode, so the three always agree on the cluster.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    /// <summary>The connection string name (<c>ConnectionStrings:Redis</c>) whose presence turns on Redis clustering.</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>Membership timings (<c>Orleans:Membership:ProbeTimeout</c>, …) bound onto Orleans' ClusterMembershipOptions.</summary>
    public const string MembershipSection = "Orleans:Membership";

    public string ClusterId { get; set; } = "realtime";

    public string ServiceId { get; set; } = "realtime-orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at (Redis clustering only): an IP or a host name
    /// (resolved at start, e.g. a compose service name). Unset: 127.0.0.1, a cluster on one machine.
    /// </summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>
    /// Development clustering on one machine (no Redis): the silo port of the first silo (on 127.0.0.1) that
    /// this one joins. Unset: this silo is the first.
    /// </summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary><c>ConnectionStrings:Redis</c>; when set, silos and clients find each other through Redis.</summary>
    public string? RedisConnectionString { get; set; }

    public bool UsesRedis => !string.IsNullOrWhiteSpace(RedisConnectionString);

    public static ClusterSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(Section).Get<ClusterSettings>() ?? new ClusterSettings();
        settings.RedisConnectionString = configuration.GetConnectionString(RedisConnectionName);
        return settings;
    }
}
