using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Realtime.Api.Http;

namespace Realtime.Api.Upstream;

/// <summary>
/// Where OpenAI is for this process: the configured base URL and platform key, or, when the api mounts the
/// emulator on itself (development without a key), this process's own loopback address, known only once
/// the server listens.
/// </summary>
public sealed class UpstreamEndpoint(IOptions<OpenAIOptions> options, IServer server, PublicOrigin origin)
{
    /// <summary>
    /// Where OpenAI's Realtime routes live, and the emulator's when this host mounts it: requests there carry
    /// OpenAI keys or secrets, never user JWTs, so the api's own auth and limits leave them alone.
    /// </summary>
    public const string RealtimeRoutePrefix = "/v1/realtime";

    /// <summary>The key the api presents to the in-process emulator, which accepts any <c>sk-</c> key.</summary>
    public const string EmulatorKey = "sk-emulator-local";

    private Uri? _selfAddress;

    public bool UsesEmulator { get; init; }

    public string PlatformKey => UsesEmulator ? EmulatorKey : options.Value.ApiKey ?? "";

    public Uri ClientSecretsUri => new(BaseAddress, "v1/realtime/client_secrets");

    /// <summary>Where the api itself posts a browser's offer with the platform key (server-side call creation).</summary>
    public Uri ServerCallsUri => new(BaseAddress, "v1/realtime/calls");

    /// <summary>Where a client posts its SDP offer; with the emulator, this api's public origin (<see cref="PublicOrigin"/>).</summary>
    public string CallsUrl(HttpRequest request) => UsesEmulator
        ? $"{origin.Of(request)}{RealtimeRoutePrefix}/calls"
        : new Uri(BaseAddress, "v1/realtime/calls").ToString();

    private Uri BaseAddress => UsesEmulator ? SelfAddress : WithTrailingSlash(options.Value.BaseUrl);

    private Uri SelfAddress => _selfAddress ??= ResolveSelfAddress();

    private Uri ResolveSelfAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server exposes no addresses; cannot reach the in-process emulator.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        // A wildcard binding (0.0.0.0, [::], +, *) is reachable on loopback.
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost") uri.Host = "127.0.0.1";
        return WithTrailingSlash(uri.Uri.ToString());
    }

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
