using System.Globalization;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// One api node of a two-node cluster: Development (dev tenant, emulator), its silo joining the first node's,
/// both on one SQLite file (<paramref name="database"/>): the grains of a cluster share one store, wherever each
/// is placed (a user grain on one silo issues a session whose grain may activate on the other).
/// </summary>
public sealed class ClusterNodeHost(string clusterId, int? primarySiloPort, string database) : ApiHost
{
    protected override string Environment => "Development";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => new Dictionary<string, string?>
    {
        ["Orleans:ClusterId"] = clusterId,
        ["Orleans:PrimarySiloPort"] = primarySiloPort?.ToString(CultureInfo.InvariantCulture),
        ["Storage:Provider"] = "Sqlite",
        ["ConnectionStrings:Sqlite"] = $"Data Source={database}",
        // Short refreshes so a test sees subscriptions renewed.
        ["Captions:SubscriptionRefreshSeconds"] = "2",
    };
}
