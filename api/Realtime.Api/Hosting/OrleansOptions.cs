namespace Realtime.Api.Hosting;

/// <summary>
/// Configuration section <c>Orleans</c>, the api's own part: how this node joins the grain cluster. Cluster
/// identity and endpoints (<c>ClusterId</c>, <c>ServiceId</c>, <c>SiloPort</c>, …) are read by
/// <see cref="Realtime.Silo.Hosting.ClusterSettings"/>, shared with the standalone silo.
/// </summary>
public sealed class OrleansOptions
{
    public const string Section = "Orleans";

    public const string Cohosted = "Cohosted";

    public const string Client = "Client";

    /// <summary><see cref="Cohosted"/> (a silo in this process) or <see cref="Client"/> (join silos found through Redis).</summary>
    public string Mode { get; set; } = Cohosted;

    /// <summary>Client mode: how often the gateway list is re-read from Redis, so new and departed silos are seen.</summary>
    public int GatewayListRefreshSeconds { get; set; } = 10;

    /// <summary>Client mode: the pause between attempts to reach a gateway while none answers.</summary>
    public int ConnectRetrySeconds { get; set; } = 2;

    public bool IsClient => string.Equals(Mode, Client, StringComparison.OrdinalIgnoreCase);

    public bool IsCohosted => string.Equals(Mode, Cohosted, StringComparison.OrdinalIgnoreCase);
}
