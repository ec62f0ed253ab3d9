using System.Net;
using Microsoft.Extensions.Configuration;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Hosting;

/// <summary>
/// What a silo process takes for itself before it starts, checked up front so that a second instance from the same
/// checkout stops with one sentence instead of sharing them or failing deep in the silo's start: its silo and
/// gateway ports, and (founding silo on SQLite) the store's lock. Hosts call it once, before building.
/// </summary>
public static class SiloStartupClaims
{
    /// <summary>
    /// Throws <see cref="StartupRefusedException"/> when a port or the store is taken; otherwise the store lock
    /// (null when none is needed), which the caller holds for the process's lifetime.
    /// </summary>
    public static SqliteFileLock? Claim(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = ClusterSettings.From(configuration);
        var address = ListenAddress(settings);
        PortAvailability.EnsureFree(address, settings.SiloPort, "The Orleans silo port",
            "give this instance other ports: Orleans__SiloPort=<port> Orleans__GatewayPort=<port>");
        PortAvailability.EnsureFree(address, settings.GatewayPort, "The Orleans gateway port",
            "give this instance another one: Orleans__GatewayPort=<port>");
        return SqliteFileLock.AcquireFor(configuration);
    }

    // Where UseRealtimeClustering makes the silo listen: loopback without Redis, else the advertised address or any.
    private static IPAddress ListenAddress(ClusterSettings settings)
    {
        if (!settings.UsesRedis) return IPAddress.Loopback;
        var advertised = AdvertisedAddress.Resolve(settings.AdvertisedIP);
        return AdvertisedAddress.ListenOnAnyHostAddress(advertised) ? IPAddress.Any : advertised;
    }
}
