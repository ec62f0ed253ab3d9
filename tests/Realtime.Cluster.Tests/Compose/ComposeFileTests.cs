using System.Globalization;
using System.Text.RegularExpressions;
using Realtime.Cluster.Tests.Infrastructure;
using Realtime.Silo.Hosting;

namespace Realtime.Cluster.Tests.Compose;

/// <summary>Docker does not run on these machines: docker-compose.yml and what it points at are checked as files.</summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Root = BuildLayout.RepositoryRoot;
    private static readonly ComposeFile Compose = ComposeFile.Load(Path.Combine(Root, "docker-compose.yml"));
    private static readonly string[] Silos = ["silo1", "silo2"];
    private static readonly string[] Apis = ["api1", "api2"];

    [Fact]
    public void It_describes_redis_two_silos_two_api_nodes_and_a_load_balancer()
    {
        Assert.Equal(["api1", "api2", "lb", "redis", "silo1", "silo2"], Compose.Services.Keys.Order());
    }

    [Fact]
    public void Redis_keeps_an_append_only_file_synced_on_every_write_in_a_volume()
    {
        var redis = Compose.Services["redis"];
        Assert.StartsWith("redis:7", (string)redis["image"]!);
        var command = string.Join(' ', ComposeFile.Strings(redis["command"]));
        Assert.Contains("--appendonly yes", command);
        Assert.Contains("--appendfsync always", command);
        var volume = Assert.Single(ComposeFile.Strings(redis["volumes"]));
        Assert.EndsWith(":/data", volume);
        Assert.Contains(volume.Split(':')[0], Compose.Volumes.Keys);
    }

    [Fact]
    public void Every_environment_variable_is_a_configuration_key_the_code_reads()
    {
        var unread = Compose.Services.Keys
            .SelectMany(service => Compose.Environment(service).Keys.Select(name => $"{service}: {name}"))
            .Where(entry => !ConfigurationKeys.IsRead(entry.Split(": ")[1]))
            .ToList();

        Assert.True(unread.Count == 0, $"Not configuration keys the code reads: {string.Join(", ", unread)}");
    }

    [Fact]
    public void The_api_nodes_believe_forwarded_headers_from_the_compose_network_only()
    {
        var ipam = ComposeFile.Map(ComposeFile.Map(Compose.Section("networks")["default"])["ipam"]);
        var subnet = (string)ComposeFile.Map(Assert.Single((List<object>)ipam["config"]!))["subnet"]!;
        foreach (var api in Apis)
            Assert.Equal(subnet, Compose.Environment(api)["ForwardedHeaders__KnownNetworks__0"]);
    }

    [Fact]
    public void The_load_balancer_logs_paths_without_query_strings()
    {
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));
        var format = LogFormat().Match(nginx);
        Assert.True(format.Success, "nginx.conf defines a log_format");
        Assert.Contains("$uri", format.Value);
        Assert.DoesNotMatch(@"\$request(?![_a-z])|\$request_uri|\$args|\$query_string", format.Value);
        Assert.Matches($@"access_log\s+\S+\s+{format.Groups[1].Value};", nginx);
    }

    [GeneratedRegex(@"log_format\s+(\w+)[^;]*;")]
    private static partial Regex LogFormat();

    [Fact]
    public void Every_server_finds_the_cluster_through_the_redis_service_with_one_identity()
    {
        foreach (var service in Silos.Concat(Apis))
        {
            var environment = Compose.Environment(service);
            var redisHost = environment[$"ConnectionStrings__{ClusterSettings.RedisConnectionName}"].Split(':')[0];
            Assert.Equal("redis", redisHost);
            Assert.Equal("Redis", environment["Storage__Provider"]);
            Assert.Equal("realtime", environment["Orleans__ClusterId"]);
            Assert.Equal("realtime-orleans", environment["Orleans__ServiceId"]);
        }
    }

    [Fact]
    public void The_api_nodes_are_cluster_clients_and_the_silos_advertise_their_own_names()
    {
        foreach (var api in Apis) Assert.Equal("Client", Compose.Environment(api)["Orleans__Mode"]);
        foreach (var silo in Silos)
        {
            Assert.Equal(silo, Compose.Environment(silo)["Orleans__AdvertisedIP"]);
            Assert.False(Compose.Environment(silo).ContainsKey("Orleans__Mode"));
        }
    }

    [Theory]
    [InlineData("silo1", "silo/Realtime.Silo/Realtime.Silo.csproj")]
    [InlineData("silo2", "silo/Realtime.Silo/Realtime.Silo.csproj")]
    [InlineData("api1", "api/Realtime.Api/Realtime.Api.csproj")]
    [InlineData("api2", "api/Realtime.Api/Realtime.Api.csproj")]
    public void Servers_are_built_by_multi_stage_dockerfiles_that_publish_their_project(string service, string project)
    {
        var build = ComposeFile.Map(Compose.Services[service]["build"]);
        Assert.Equal(".", build["context"]);
        var dockerfile = File.ReadAllText(Path.Combine(Root, (string)build["dockerfile"]!));
        Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build", dockerfile);
        Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0", dockerfile);
        Assert.Contains($"dotnet publish {project}", dockerfile);
        Assert.True(File.Exists(Path.Combine(Root, project)), $"{project} does not exist");
    }

    [Fact]
    public void Only_the_load_balancer_publishes_a_port_and_it_balances_both_api_nodes_with_websockets()
    {
        var published = Compose.Services.Where(s => s.Value.ContainsKey("ports")).Select(s => s.Key);
        Assert.Equal(["lb"], published);
        Assert.Single(ComposeFile.Strings(Compose.Services["lb"]["ports"]));
        var mount = Assert.Single(ComposeFile.Strings(Compose.Services["lb"]["volumes"]));
        Assert.StartsWith("./deploy/nginx.conf:/etc/nginx/nginx.conf", mount);

        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));
        var apiPort = ApiPort();
        foreach (var api in Apis) Assert.Contains($"server {api}:{apiPort};", nginx);
        Assert.Contains("proxy_http_version 1.1;", nginx);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx);
        Assert.Matches(@"proxy_set_header Connection \$connection_upgrade;", nginx);
        Assert.Matches(@"default\s+upgrade;", nginx);
        var readTimeout = ReadTimeout().Match(nginx);
        Assert.True(readTimeout.Success && int.Parse(readTimeout.Groups[1].Value, CultureInfo.InvariantCulture) >= 300, "proxy_read_timeout must allow long-lived WebSockets (≥ 300 s)");
    }

    // The port the api image listens on (ASPNETCORE_URLS in its Dockerfile).
    private static int ApiPort()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "deploy", "api.Dockerfile"));
        return int.Parse(ApiUrls().Match(dockerfile).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"ASPNETCORE_URLS=http://0\.0\.0\.0:(\d+)")]
    private static partial Regex ApiUrls();

    [GeneratedRegex(@"proxy_read_timeout (\d+)s;")]
    private static partial Regex ReadTimeout();
}
