using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using Realtime.Silo.Hosting;

// The standalone silo. No appsettings.json on purpose (see the csproj): configure it with environment
// variables such as Orleans__SiloPort=11112 or ConnectionStrings__Redis=localhost:6379, or with arguments
// such as --Storage:Provider=Memory. Clustering and grains are set up exactly as in the api's co-hosted silo.
var builder = Host.CreateApplicationBuilder(args);
var config = builder.Configuration;

// The api quiets Orleans' and Polly's chatter in its appsettings.json; the silo has no such file, so the same
// defaults go in as the lowest source, under environment variables and arguments (Logging__LogLevel__Orleans=…).
config.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    },
});

try
{
    // Ports and the SQLite store, taken before the silo starts; the store lock is held until the process ends.
    using var storeLock = SiloStartupClaims.Claim(config);
    builder.UseOrleans(silo => silo
        .UseRealtimeClustering(config)
        .AddRealtimeGrains(config)
        // Every silo feeds the Orleans Dashboard that api nodes serve (at /dashboard, behind the admin key).
        .AddRealtimeDashboard(config));

    await builder.Build().RunAsync();
    return 0;
}
catch (Exception e) when (StartupRefusedException.Find(e) is { } refused)
{
    await Console.Error.WriteLineAsync(refused.Message);
    return StartupRefusedException.ExitCode;
}
