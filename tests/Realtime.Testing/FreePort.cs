using System.Net;
using System.Net.Sockets;

namespace Realtime.Testing;

/// <summary>Loopback TCP ports nobody listens on right now (for silo, gateway, redis and "unreachable" upstream ports).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
