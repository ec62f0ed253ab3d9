using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Realtime.Api.Hosting;

/// <summary>Tells a new user, once the server listens, where it is and how to get a first token.</summary>
public sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, RealtimeFeatures features, IConfiguration config, ILogger<StartupBanner> logger)
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
        LogListening(logger, address, features.Emulator ? "built-in emulator" : config["OpenAI:BaseUrl"], Realtime.Silo.Hosting.RealtimeStorage.ProviderFrom(config));
        if (features.Dev)
            LogDevHint(logger, $"{address}/dev/token", $"{address}/api/realtime-token");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Realtime.Orleans api listening on {Address}; OpenAI upstream: {Upstream}; storage: {Storage}.")]
    private static partial void LogListening(ILogger logger, string address, string? upstream, string storage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Get a token: curl -s -X POST {DevTokenUrl} -H 'content-type: application/json' -d '{{\"user\":\"alice\"}}'  then: curl -s -X POST {RealtimeTokenUrl} -H \"authorization: Bearer $TOKEN\"")]
    private static partial void LogDevHint(ILogger logger, string devTokenUrl, string realtimeTokenUrl);
}
