using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Realtime.Api.Hosting;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Silo.Hosting;

namespace Realtime.Api.Tests.Hosting;

/// <summary>
/// With the dev features on (the dev tenant, /dev/token) the api refuses to listen beyond loopback unless
/// Dev:AllowRemote says so: a clear sentence and a non-zero exit, never a node that mints tokens for a LAN.
/// </summary>
public sealed class DevelopmentListenTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://+:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://192.168.1.10:0")]
    [InlineData("http://127.0.0.1:0;http://api.example.com:0")]
    public void Development_on_a_non_loopback_address_is_refused(string urls)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Build("Development", urls, []));

        Assert.Contains("reachable from other machines", refused.Message);
        Assert.Contains("Dev__AllowRemote=true", refused.Message);
    }

    [Fact]
    public void Dev_enabled_in_production_on_the_http_ports_setting_is_refused()
    {
        var refused = Assert.Throws<StartupRefusedException>(() =>
            Build("Production", null, new() { ["Dev:Enabled"] = "true" }, b => b.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "0")));

        Assert.Contains("http://*:0", refused.Message);
    }

    [Theory]
    [InlineData("Development", "http://0.0.0.0:0", "true")]
    [InlineData("Production", "http://0.0.0.0:0", null)]
    [InlineData("Development", "http://localhost:0;http://127.0.0.1:0", null)]
    public async Task Loopback_production_or_an_explicit_allowance_builds(string environment, string urls, string? allowRemote)
    {
        var app = Build(environment, urls, new() { ["Dev:AllowRemote"] = allowRemote });

        await app.DisposeAsync();
    }

    [Fact]
    public async Task The_real_process_exits_non_zero_with_the_sentence()
    {
        var directory = Directory.CreateTempSubdirectory("realtime-devremote-").FullName;
        try
        {
            var outcome = await ApiProcess.RunToExitAsync(["--urls", $"http://0.0.0.0:{FreePort.Next()}"], new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Storage__Provider"] = "Memory",
                ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            }, directory, TimeSpan.FromSeconds(60));

            Assert.Equal(StartupRefusedException.ExitCode, outcome.ExitCode);
            Assert.Contains("Dev__AllowRemote=true", outcome.Error);
            Assert.DoesNotContain("   at ", outcome.Error + outcome.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static WebApplication Build(string environment, string? urls, Dictionary<string, string?> settings,
        Action<WebApplicationBuilder>? more = null) =>
        RealtimeApi.Build([], builder =>
        {
            builder.Environment.EnvironmentName = environment;
            if (urls is not null) builder.WebHost.UseUrls(urls);
            more?.Invoke(builder);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Memory",
                ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Admin:ApiKey"] = ApiHost.AdminKey,
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
        });
}
