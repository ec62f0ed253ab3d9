namespace Realtime.Api.Hosting;

/// <summary>Configuration section <c>Orleans</c>: how this api node joins the grain cluster.</summary>
public sealed class OrleansOptions
{
    public const string Section = "Orleans";

    /// <summary><c>Cohosted</c> (a silo in this process) or <c>Client</c> (join a cluster; arrives with Redis clustering).</summary>
    public string Mode { get; set; } = "Cohosted";

    public string ClusterId { get; set; } = "realtime";

    public string ServiceId { get; set; } = "realtime-orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Development clustering on one machine: the silo port of the first silo (on 127.0.0.1) that this one
    /// joins. Unset: this silo is the first. Real clusters use Redis clustering instead.
    /// </summary>
    public int? PrimarySiloPort { get; set; }
}
