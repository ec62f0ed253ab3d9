using Orleans.Configuration;
using Realtime.Silo.Hosting;

namespace Realtime.Api.Hosting;

/// <summary>
/// Joins the api to the grain cluster as configured by <c>Orleans:Mode</c>: <c>Cohosted</c> runs a silo in this
/// process (clustered exactly like a standalone silo); <c>Client</c> runs no silo and no grains, and reaches the
/// silos' gateways found through Redis clustering.
/// </summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder UseRealtimeOrleans(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var options = config.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        builder.Services.Configure<OrleansOptions>(config.GetSection(OrleansOptions.Section));
        if (options.IsCohosted)
            builder.UseOrleans(silo => silo.UseRealtimeClustering(config).AddRealtimeGrains(config));
        else if (options.IsClient)
            builder.UseOrleansClient(client => client.UseRealtimeClusterClient(ClusterSettings.From(config), options));
        else
            throw new InvalidOperationException(
                $"Orleans:Mode '{options.Mode}' is not valid: use '{OrleansOptions.Cohosted}' or '{OrleansOptions.Client}'.");
        return builder;
    }

    private static void UseRealtimeClusterClient(this IClientBuilder client, ClusterSettings settings, OrleansOptions options)
    {
        if (!settings.UsesRedis)
            throw new InvalidOperationException(
                $"Orleans:Mode '{OrleansOptions.Client}' finds the silos through Redis: set ConnectionStrings:{ClusterSettings.RedisConnectionName}.");
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(Math.Max(1, options.GatewayListRefreshSeconds)));
        client.UseRedisClustering(settings.RedisConnectionString!);
        client.Services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectionRetryFilter>();
    }
}
