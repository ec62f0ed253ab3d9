using Orleans.Dashboard;

namespace Realtime.Silo.Hosting;

/// <summary>
/// The silo side of the Orleans Dashboard: grain-call profiling and the grains the dashboard UI asks. Every silo
/// of a cluster runs it (the api's co-hosted silo and the standalone silo), so an api node in client mode can
/// serve the UI for the whole cluster. The UI itself is mapped by the api, behind the admin key.
/// </summary>
public static class RealtimeDashboardExtensions
{
    public static ISiloBuilder AddRealtimeDashboard(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.AddDashboard();
    }
}
