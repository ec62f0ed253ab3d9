using System.Net;
using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

public sealed class UdpTransportTests
{
    [Fact]
    public async Task A_full_and_a_lite_transport_connect_on_loopback_and_pass_dtls_datagrams()
    {
        await using UdpTransport client = UdpTransport.Bind(new IceAgent(new IceAgentOptions { Role = IceRole.Controlling }));
        await using UdpTransport server = UdpTransport.Bind(new IceAgent(new IceAgentOptions { Lite = true }));
        var atServer = new TaskCompletionSource<(byte[], IPEndPoint)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var atClient = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.DatagramReceived += (bytes, from) => atServer.TrySetResult((bytes, from));
        client.DatagramReceived += (bytes, _) => atClient.TrySetResult(bytes);
        client.SetRemote(server.LocalCredentials, server.LocalCandidates);
        server.SetRemote(client.LocalCredentials, []);

        server.Start();
        client.Start();
        await Task.WhenAll(client.Connected, server.Connected).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IPAddress.Loopback, Assert.Single(client.LocalCandidates).EndPoint!.Address);
        Assert.True(client.Send([22, 254, 253, 1]));
        (byte[] received, IPEndPoint from) = await atServer.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([22, 254, 253, 1], received);
        Assert.Equal(client.LocalCandidates[0].EndPoint, from);
        Assert.True(server.Send([23, 1]));
        Assert.Equal([23, 1], await atClient.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(IceConnectionState.Connected, client.State);
        Assert.Equal(server.LocalCandidates[0].EndPoint, client.SelectedPair!.Remote.EndPoint);
    }
}
