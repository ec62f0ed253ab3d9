using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace Realtime.Silo.Hosting;

/// <summary>
/// The silo side of the Orleans Dashboard: the grains the dashboard UI asks, and (when asked for) grain-call
/// profiling. Every silo of a cluster runs it (the api's co-hosted silo and the standalone silo), so an api node in
/// client mode can serve the UI for the whole cluster. The UI itself is mapped by the api, behind the admin key.
/// </summary>
public static class RealtimeDashboardExtensions
{
    /// <summary>
    /// <c>Dashboard:ProfileGrainCalls</c> (default false). The profiler is a filter on every grain call, and any
    /// incoming filter puts every call through Orleans' filter pipeline, which slows the token path even with nobody
    /// watching. Without it the dashboard shows silos, grains and activations, not per-method timings.
    /// </summary>
    public const string ProfileGrainCallsKey = "Dashboard:ProfileGrainCalls";

    public static ISiloBuilder AddRealtimeDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.AddDashboard();
        if (!configuration.GetValue(ProfileGrainCallsKey, false))
        {
            var profilers = silo.Services.Where(d => d.ServiceType == typeof(IIncomingGrainCallFilter)
                && d.ImplementationType?.Assembly == typeof(DashboardOptions).Assembly).ToList();
            profilers.ForEach(d => silo.Services.Remove(d));
        }
        return silo;
    }
}
