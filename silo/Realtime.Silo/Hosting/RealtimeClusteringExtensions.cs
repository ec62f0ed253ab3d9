using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Realtime.Silo.Hosting;

/// <summary>
/// How a silo finds its cluster. The standalone host and the api's co-hosted silo both call this, so their
/// clustering cannot drift apart. <c>ConnectionStrings:Redis</c> set: Redis membership, endpoints from
/// <c>Orleans:AdvertisedIP</c>/<c>SiloPort</c>/<c>GatewayPort</c>. Unset: development clustering on 127.0.0.1,
/// joining the silo at <c>Orleans:PrimarySiloPort</c> if given.
/// </summary>
public static class RealtimeClusteringExtensions
{
    public static ISiloBuilder UseRealtimeClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var settings = ClusterSettings.From(configuration);

        // Tests shorten failure detection (Orleans__Membership__ProbeTimeout=00:00:01, …); production keeps the defaults.
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection(ClusterSettings.MembershipSection));

        if (!settings.UsesRedis)
            return silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, PrimarySilo(settings), settings.ServiceId, settings.ClusterId);

        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
        var advertised = AdvertisedAddress.Resolve(settings.AdvertisedIP);
        silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort, AdvertisedAddress.ListenOnAnyHostAddress(advertised));
        return silo.UseRedisClustering(settings.RedisConnectionString!);
    }

    private static IPEndPoint? PrimarySilo(ClusterSettings settings) =>
        settings.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
}
