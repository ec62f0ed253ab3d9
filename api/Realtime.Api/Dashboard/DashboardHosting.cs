using Orleans.Dashboard;
using Realtime.Api.Hosting;
using Realtime.Silo.Hosting;

namespace Realtime.Api.Dashboard;

/// <summary>
/// The Orleans Dashboard (Microsoft.Orleans.Dashboard) at <see cref="Path"/>, behind the admin key
/// (<see cref="DashboardKeyFilter"/>). Co-hosted, this process's silo collects the figures; in client mode the
/// node only serves the UI and asks the silos, which must run the dashboard too (the standalone silo does).
/// <c>Dashboard:Enabled=false</c> leaves it out; <c>Dashboard:ProfileGrainCalls=true</c> adds per-method timings.
/// </summary>
public static class DashboardHosting
{
    public const string Path = "/dashboard";

    public const string EnabledKey = "Dashboard:Enabled";

    public static WebApplicationBuilder AddRealtimeDashboard(this WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration)) return builder;
        // Both calls add to the silo or client UseRealtimeOrleans configured; neither creates a second one.
        if (IsClientMode(builder.Configuration)) builder.UseOrleansClient(client => client.AddDashboard());
        else builder.UseOrleans(silo => silo.AddRealtimeDashboard(builder.Configuration));
        return builder;
    }

    public static WebApplication MapRealtimeDashboard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
            app.MapOrleansDashboard(Path).AddEndpointFilter<DashboardKeyFilter>().ExcludeFromDescription();
        return app;
    }

    private static bool IsEnabled(IConfiguration config) => config.GetValue(EnabledKey, true);

    private static bool IsClientMode(ConfigurationManager config) =>
        config.GetSection(OrleansOptions.Section).Get<OrleansOptions>()?.IsClient == true;
}
