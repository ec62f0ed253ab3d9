using Microsoft.AspNetCore.Hosting;
using Realtime.Api.Hosting;

namespace Realtime.Api.Observability;

/// <summary>
/// <c>Metrics:Port</c>: when set, /metrics is served only on this port (a second listener on the same host as the
/// first public address) and not on the public ones, so an operator can keep scrapes off the internet. The
/// connection's local port decides, never the <c>Host</c> header, which a client chooses.
/// </summary>
public static class ManagementPort
{
    public const string Key = "Metrics:Port";

    /// <summary>Adds the management listener to the configured addresses, when <see cref="Key"/> is set.</summary>
    public static void Listen(WebApplicationBuilder builder, IReadOnlyList<ListenAddress> addresses)
    {
        if (PortOf(builder.Configuration) is not { } port) return;
        var management = $"http://{BindingAddress.Parse(addresses[0].Url).Host}:{port}";
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
            builder.Configuration["Kestrel:Endpoints:Management:Url"] = management;
        else
            builder.WebHost.UseUrls([.. addresses.Select(a => a.Url), management]);
    }

    /// <summary>
    /// Answers 404 to a management route reached on a public port and to any other route reached on the
    /// management port. Goes after routing (the endpoint is known) and before the endpoints run.
    /// </summary>
    public static IApplicationBuilder UseManagementPort(this IApplicationBuilder app, IConfiguration config)
    {
        if (PortOf(config) is not { } port) return app;
        return app.Use((context, next) =>
        {
            var onManagementPort = context.Connection.LocalPort == port;
            var isManagementRoute = context.GetEndpoint()?.Metadata.GetMetadata<ManagementRoute>() is not null;
            if (onManagementPort == isManagementRoute) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    /// <summary>Marks an endpoint as served on the management port when one is configured.</summary>
    public static TBuilder OnManagementPort<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ManagementRoute());

    private static int? PortOf(IConfiguration config) => config.GetValue<int?>(Key) is > 0 and var port ? port : null;

    private sealed class ManagementRoute;
}
