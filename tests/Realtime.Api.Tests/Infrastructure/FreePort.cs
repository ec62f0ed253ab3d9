using System.Net;
using System.Net.Sockets;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>Finds loopback TCP ports nobody listens on (for Orleans silo/gateway ports and "unreachable" upstreams).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
