using System.Net;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Client.Speaking;

/// <summary>
/// Which local addresses the call gathers candidates on: loopback when the api (and so its emulator) is on this
/// machine, else the machine's interfaces, since OpenAI's media servers cannot reach a loopback candidate.
/// </summary>
internal static class PeerAddresses
{
    public static RtcConfiguration For(Uri api) =>
        new() { Addresses = IsLoopback(api) ? HostAddresses.Loopback : HostAddresses.Discover() };

    private static bool IsLoopback(Uri api) =>
        api.IsLoopback || (IPAddress.TryParse(api.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
