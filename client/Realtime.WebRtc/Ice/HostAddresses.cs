using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Realtime.WebRtc.Ice;

/// <summary>Addresses to gather host candidates on. Loopback is the default (tests, local emulator); a client
/// talking to OpenAI passes <see cref="Discover"/> instead.</summary>
public static class HostAddresses
{
    public static IReadOnlyList<IPAddress> Loopback { get; } = [IPAddress.Loopback];

    /// <summary>Unicast addresses of interfaces that are up, skipping link-local IPv6 (scoped, rarely routable).</summary>
    public static IReadOnlyList<IPAddress> Discover(bool includeLoopback = false, bool includeIPv6 = false) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .Where(n => includeLoopback || n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork
                || (includeIPv6 && a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal))
            .Distinct()
            .ToArray();
}
