using System.Net;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Tests.Hosting;

public sealed class AdvertisedAddressTests
{
    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("", "127.0.0.1")]
    [InlineData(" 10.0.0.7 ", "10.0.0.7")]
    [InlineData("localhost", "127.0.0.1")]
    public void An_ip_is_taken_as_is_a_host_name_is_resolved_and_nothing_means_loopback(string? configured, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), AdvertisedAddress.Resolve(configured));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.7", true)]
    public void Only_an_address_other_than_loopback_listens_on_every_interface(string advertised, bool listenOnAny)
    {
        Assert.Equal(listenOnAny, AdvertisedAddress.ListenOnAnyHostAddress(IPAddress.Parse(advertised)));
    }
}
