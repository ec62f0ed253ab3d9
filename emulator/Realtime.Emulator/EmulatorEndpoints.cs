using Realtime.Emulator.Calls;
using Realtime.Emulator.ClientSecrets;
using Realtime.Emulator.Errors;
using Realtime.Emulator.Http;

namespace Realtime.Emulator;

/// <summary>Mounts the emulated OpenAI routes on any host (the standalone one or the api); the host must <c>UseCors()</c>.</summary>
public static class EmulatorEndpoints
{
    /// <summary>Where the emulated routes live, as on OpenAI: requests there carry OpenAI API keys or secrets, not user JWTs.</summary>
    public const string RoutePrefix = "/v1/realtime";

    public static IEndpointRouteBuilder MapRealtimeEmulator(this IEndpointRouteBuilder endpoints)
    {
        // The filter keeps OpenAI's error shape even when the host has its own (problem+json) exception handler.
        // CORS as OpenAI's: a page on any origin may call these routes with a secret (the host must UseCors()).
        var realtime = endpoints.MapGroup(RoutePrefix).AddEndpointFilter<OpenAIErrorFilter>().RequireCors(EmulatorCors.PolicyName);
        realtime.MapPost("/client_secrets", ClientSecretEndpoint.HandleAsync).ExcludeFromDescription();
        realtime.MapPost("/calls", CallsEndpoint.CreateAsync).ExcludeFromDescription().DisableAntiforgery();
        realtime.MapPost("/calls/{callId}/hangup", CallsEndpoint.HangUpAsync).ExcludeFromDescription();
        // The WebSocket transport has its own little pipeline, as SignalR's hubs do, so no host needs UseWebSockets().
        var sockets = endpoints.CreateApplicationBuilder();
        sockets.UseWebSockets();
        sockets.Run(RealtimeSocketEndpoint.HandleAsync);
        endpoints.Map(RoutePrefix, sockets.Build()).WithMetadata(new HttpMethodMetadata(["GET"])).ExcludeFromDescription();
        return endpoints;
    }
}
