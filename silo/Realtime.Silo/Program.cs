using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Realtime.Silo.Hosting;

// The standalone silo. No appsettings.json on purpose (see the csproj): configure it with environment
// variables such as Orleans__SiloPort=11112 or with command-line arguments such as --Storage:Provider=Memory.
var builder = Host.CreateApplicationBuilder(args);
var config = builder.Configuration;

builder.UseOrleans(silo => silo
    .UseLocalhostClustering(
        siloPort: config.GetValue("Orleans:SiloPort", 11111),
        gatewayPort: config.GetValue("Orleans:GatewayPort", 30000),
        serviceId: config.GetValue("Orleans:ServiceId", "dev")!,
        clusterId: config.GetValue("Orleans:ClusterId", "dev")!)
    .AddRealtimeGrains(config));

await builder.Build().RunAsync();
