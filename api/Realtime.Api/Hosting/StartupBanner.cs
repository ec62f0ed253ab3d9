using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Realtime.Api.Hosting;

/// <summary>Tells a new user, once the server listens, where it is and how to get a first token.</summary>
public sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, RealtimeFeatures features, IConfiguration config, ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown)";
        logger.LogInformation("Realtime.Orleans api listening on {Address}; OpenAI upstream: {Upstream}; storage: {Storage}.",
            address, features.Emulator ? "built-in emulator" : config["OpenAI:BaseUrl"], Realtime.Silo.Hosting.RealtimeStorage.ProviderFrom(config));
        if (features.Dev)
            logger.LogInformation(
                "Get a token: curl -s -X POST {Address}/dev/token -H 'content-type: application/json' -d '{{\"user\":\"alice\"}}'  " +
                "then: curl -s -X POST {Address}/api/realtime-token -H \"authorization: Bearer $TOKEN\"", address, address);
    }
}
