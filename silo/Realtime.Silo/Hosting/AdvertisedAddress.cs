using System.Net;
using System.Net.Sockets;

namespace Realtime.Silo.Hosting;

/// <summary>Turns <c>Orleans:AdvertisedIP</c> (an IP, a host name, or nothing) into the IPv4 address a silo advertises.</summary>
public static class AdvertisedAddress
{
    public static IPAddress Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return IPAddress.Loopback;
        value = value.Trim();
        if (IPAddress.TryParse(value, out var address)) return address;

        // A host name (a compose service, a pod's name): membership stores IPs, so resolve it once at start.
        var addresses = Dns.GetHostAddresses(value);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"Orleans:AdvertisedIP '{value}' resolves to no address.");
    }

    /// <summary>
    /// Listen on every interface when the advertised address is not loopback: in a container the advertised
    /// name resolves to one interface, but listening on all keeps the silo reachable whichever one a peer uses.
    /// </summary>
    public static bool ListenOnAnyHostAddress(IPAddress advertised) => !IPAddress.IsLoopback(advertised);
}
