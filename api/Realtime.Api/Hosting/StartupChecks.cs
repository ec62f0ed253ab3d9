using Realtime.Api.Dev;
using Realtime.Api.Observability;
using Realtime.Silo.Hosting;
using Realtime.Silo.Storage;

namespace Realtime.Api.Hosting;

/// <summary>
/// What the api checks and claims before it is built, so a wrong start stops with one sentence naming the port,
/// file or setting and how to fix it (<see cref="StartupRefusedException"/>, a non-zero exit) instead of a hang, a
/// stack trace or two instances silently sharing a store: dev features only on loopback, free HTTP and silo ports,
/// the SQLite store's lock (held by the container, released when the app is disposed).
/// </summary>
public static class StartupChecks
{
    public static void Run(WebApplicationBuilder builder, RealtimeFeatures features)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var addresses = ListenAddresses.From(builder);
        RefuseRemoteDevelopment(builder.Configuration, features, addresses);
        foreach (var address in addresses)
            PortAvailability.EnsureFree(address.Address, address.Port, "The HTTP address",
                $"listen elsewhere: --urls http://127.0.0.1:<port> (it was {address.Url})");
        ManagementPort.Listen(builder, addresses);

        var orleans = builder.Configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        if (!orleans.IsCohosted) return; // no silo here: no silo ports, no store
        if (SiloStartupClaims.Claim(builder.Configuration) is { } storeLock)
            builder.Services.AddSingleton(_ => storeLock); // a factory registration, so the container disposes it
    }

    /// <summary>Resolves what <see cref="Run"/> registered, so the container owns it from now on.</summary>
    public static void Hold(WebApplication app) => app.Services.GetService<SqliteFileLock>();

    private static void RefuseRemoteDevelopment(IConfiguration config, RealtimeFeatures features, IReadOnlyList<ListenAddress> addresses)
    {
        if (!features.Dev || config.GetValue<bool>($"{DevOptions.Section}:{nameof(DevOptions.AllowRemote)}")) return;
        if (addresses.FirstOrDefault(a => !a.IsLoopback) is not { } remote) return;
        throw new StartupRefusedException(
            $"The development features (Dev:Enabled: the dev tenant and POST /dev/token) are on, and {remote.Url} is reachable from " +
            "other machines, where anyone could mint tokens. Listen on loopback (--urls http://127.0.0.1:5080), turn them off " +
            "(Dev__Enabled=false), or, on a network that is yours alone, set Dev__AllowRemote=true.");
    }
}
