using System.Net;
using System.Net.Sockets;
using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

public sealed class HostAddressesTests
{
    [Fact]
    public void Discover_lists_loopback_only_when_asked()
    {
        Assert.Contains(IPAddress.Loopback, HostAddresses.Discover(includeLoopback: true));
        Assert.DoesNotContain(HostAddresses.Discover(), IPAddress.IsLoopback);
    }

    [Fact]
    public void Discover_skips_ipv6_unless_asked_and_never_returns_link_local_ipv6()
    {
        Assert.All(HostAddresses.Discover(includeLoopback: true), a => Assert.Equal(AddressFamily.InterNetwork, a.AddressFamily));
        Assert.DoesNotContain(HostAddresses.Discover(includeLoopback: true, includeIPv6: true), a => a.IsIPv6LinkLocal);
    }
}
