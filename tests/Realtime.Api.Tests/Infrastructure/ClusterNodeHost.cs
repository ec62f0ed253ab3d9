namespace Realtime.Api.Tests.Infrastructure;

/// <summary>One api node of a two-node cluster: Development (dev tenant, emulator), its silo joining the first node's.</summary>
public sealed class ClusterNodeHost(string clusterId, int? primarySiloPort) : ApiHost
{
    protected override string Environment => "Development";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => new Dictionary<string, string?>
    {
        ["Orleans:ClusterId"] = clusterId,
        ["Orleans:PrimarySiloPort"] = primarySiloPort?.ToString(),
        // Short refreshes so a test sees subscriptions renewed.
        ["Captions:SubscriptionRefreshSeconds"] = "2",
    };
}
