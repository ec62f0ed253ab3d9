using System.Net;
using System.Net.Sockets;

namespace Realtime.Benchmarks;

/// <summary>A free TCP port on 127.0.0.1, for silo and gateway ports.</summary>
public static class LoopbackPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
