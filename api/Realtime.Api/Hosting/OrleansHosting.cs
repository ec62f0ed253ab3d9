using Realtime.Silo.Hosting;

namespace Realtime.Api.Hosting;

/// <summary>Joins the api to the grain cluster as configured by <c>Orleans:Mode</c>.</summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder UseRealtimeOrleans(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        if (!string.Equals(options.Mode, "Cohosted", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"Orleans:Mode '{options.Mode}' is not supported yet; use 'Cohosted' (client mode arrives with Redis clustering).");
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort, PrimarySilo(options), options.ServiceId, options.ClusterId)
            .AddRealtimeGrains(builder.Configuration));
        return builder;
    }

    private static System.Net.IPEndPoint? PrimarySilo(OrleansOptions options) =>
        options.PrimarySiloPort is { } port ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port) : null;
}
