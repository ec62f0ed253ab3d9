using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Realtime.Api.Observability;

/// <summary>
/// OpenTelemetry metrics exported at <see cref="Path"/> in Prometheus text format: the api's own meter
/// (<see cref="RealtimeMetrics"/>), the silo's session census when a silo runs in this process, ASP.NET Core's
/// (HTTP server, Kestrel, SignalR connections) and Orleans' own. Unauthenticated like /healthz: every tag is a fixed
/// vocabulary or a route template, never a key, secret, token or id taken from a request.
/// </summary>
public static class MetricsHosting
{
    public const string Path = "/metrics";

    /// <summary>Orleans' runtime meter (grain calls, activations, messaging, membership).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The <c>service_name</c> on target_info, so a scrape says what it came from.</summary>
    public const string ServiceName = "realtime-api";

    public static IServiceCollection AddRealtimeMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<RealtimeMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(RealtimeMetrics.MeterName, OrleansMeter)
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Diagnostics")
                .OnlyThisHost()
                // No cached answers (the default keeps one for 300 ms): a scrape right after an action shows it.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>
    /// Meters are matched by name process-wide, so another host in the same process (a test host, a second api) would
    /// otherwise feed this host's metric streams, and its meters' disposal would end them here: its instruments are
    /// dropped. Meters made outside any <see cref="IMeterFactory"/> (no scope) stay, being the process's own.
    /// </summary>
    private static MeterProviderBuilder OnlyThisHost(this MeterProviderBuilder metrics) =>
        ((IDeferredMeterProviderBuilder)metrics).Configure((services, builder) =>
        {
            var ours = services.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument =>
                instrument.Meter.Scope is IMeterFactory theirs && !ReferenceEquals(theirs, ours) ? MetricStreamConfiguration.Drop : null);
        });

    public static IEndpointRouteBuilder MapRealtimeMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Path).OnManagementPort();
        return endpoints;
    }
}
