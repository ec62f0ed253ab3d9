using System.Net;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>A host that stops closes its calls: the browser side learns at once (SCTP ABORT), not after consent runs out.</summary>
public sealed class CallsShutdownTests
{
    [Fact(Timeout = 60_000)]
    public async Task Stopping_the_host_closes_every_open_call()
    {
        var host = new CallsHost();
        await host.InitializeAsync();
        try
        {
            var secret = await host.MintSecretAsync();
            await using var client = new RtcPeerConnection(new RtcConfiguration { OfferAudio = false });
            var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.OnConnectionStateChange += state =>
            {
                if (state == RtcPeerConnectionState.Connected) connected.TrySetResult();
                if (state is RtcPeerConnectionState.Closed or RtcPeerConnectionState.Failed) ended.TrySetResult();
            };
            var offer = client.CreateOffer();
            client.SetLocalDescription(offer);
            using var response = await host.PostOfferAsync(secret, offer.Sdp);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            client.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, await response.Content.ReadAsStringAsync()));
            await connected.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(1, host.Calls.Count);

            await host.DisposeAsync();
            host = null;

            await ended.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
        }
    }
}
