using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Tests.Hosting;

public sealed class RealtimeClusteringTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) => new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
        .Build();

    private static ServiceProvider Cluster(IConfiguration config)
    {
        var silo = new StubSiloBuilder();
        silo.UseRealtimeClustering(config);
        return silo.Services.BuildServiceProvider();
    }

    // The Redis provider registers its table as itself and IMembershipTable through a factory.
    private static bool UsesRedisMembership(IConfiguration config)
    {
        var silo = new StubSiloBuilder();
        silo.UseRealtimeClustering(config);
        return silo.Services.Any(d => d.ServiceType.Name == "RedisMembershipTable");
    }

    [Fact]
    public void A_redis_connection_string_turns_on_redis_membership_with_the_configured_identity_and_endpoints()
    {
        var config = Config(("ConnectionStrings:Redis", "127.0.0.1:6379"), ("Orleans:ClusterId", "c1"), ("Orleans:ServiceId", "s1"),
            ("Orleans:SiloPort", "12000"), ("Orleans:GatewayPort", "32000"), ("Orleans:AdvertisedIP", "10.1.2.3"));

        using var services = Cluster(config);

        Assert.True(UsesRedisMembership(config));
        var cluster = services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(("c1", "s1"), (cluster.ClusterId, cluster.ServiceId));
        var endpoints = services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse("10.1.2.3"), endpoints.AdvertisedIPAddress);
        Assert.Equal((12000, 32000), (endpoints.SiloPort, endpoints.GatewayPort));
        // Not loopback: listen on every interface, so a container is reachable on whichever one a peer uses.
        Assert.Equal(IPAddress.Any, endpoints.SiloListeningEndpoint?.Address);
    }

    [Fact]
    public void Redis_clustering_on_one_machine_advertises_and_listens_on_loopback_by_default()
    {
        using var services = Cluster(Config(("ConnectionStrings:Redis", "127.0.0.1:6379")));

        var endpoints = services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
        Assert.Null(endpoints.SiloListeningEndpoint);
        Assert.Equal((11111, 30000), (endpoints.SiloPort, endpoints.GatewayPort));
    }

    [Fact]
    public void Without_redis_the_silo_uses_development_clustering_on_loopback()
    {
        var config = Config(("Orleans:SiloPort", "12001"), ("Orleans:PrimarySiloPort", "12000"));

        using var services = Cluster(config);

        Assert.False(UsesRedisMembership(config));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 12000), services.GetRequiredService<IOptions<DevelopmentClusterMembershipOptions>>().Value.PrimarySiloEndpoint);
        Assert.Equal(12001, services.GetRequiredService<IOptions<EndpointOptions>>().Value.SiloPort);
    }

    [Fact]
    public void Membership_timings_come_from_the_Orleans_Membership_section()
    {
        using var services = Cluster(Config(("ConnectionStrings:Redis", "127.0.0.1:6379"),
            ("Orleans:Membership:ProbeTimeout", "00:00:01"), ("Orleans:Membership:NumMissedProbesLimit", "2")));

        var membership = services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(1), 2), (membership.ProbeTimeout, membership.NumMissedProbesLimit));
    }
}
