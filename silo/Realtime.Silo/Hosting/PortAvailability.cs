using System.Net;
using System.Net.Sockets;

namespace Realtime.Silo.Hosting;

/// <summary>
/// Checks, before a host starts, that a TCP port it will listen on is free, so a second instance started from the
/// same checkout stops with a sentence naming the port instead of a socket exception deep in the silo's start.
/// </summary>
public static class PortAvailability
{
    /// <summary>Throws <see cref="StartupRefusedException"/> when <paramref name="port"/> on <paramref name="address"/> is taken.</summary>
    public static void EnsureFree(IPAddress address, int port, string what, string fix)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (port == 0) return; // the system picks a free one
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            AllowTimeWait(socket);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new StartupRefusedException(
                $"{what} {address}:{port} is already in use (is another instance running?). Stop it, or {fix}.");
        }
    }

    // Connections of a previous run still in TIME_WAIT must not make the port look busy, as they do not for the
    // servers. Only SO_REUSEADDR itself, on Linux: it never lets two sockets listen on one port there, whereas .NET's
    // ReuseAddress option also sets SO_REUSEPORT, which would let this probe bind beside the very listener it looks for.
    private static void AllowTimeWait(Socket socket)
    {
        const int SolSocket = 1, SoReuseAddr = 2; // <sys/socket.h> on Linux
        if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
    }
}
