using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.PeerConnection;
using Realtime.WebRtc.Sdp;
using Realtime.WebRtc.Tests.Sdp;

namespace Realtime.WebRtc.Tests.PeerConnection;

/// <summary>A peer offering the pre-RFC 8841 data section (as some stacks still do) gets a working channel from an emulator-like answerer.</summary>
public sealed class LegacyOfferTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60_000)]
    public async Task A_legacy_data_channel_offer_is_answered_in_kind_and_carries_messages()
    {
        await using var offerer = new RtcPeerConnection(new RtcConfiguration { OfferAudio = false });
        await using var answerer = new RtcPeerConnection(new RtcConfiguration { IceLite = true, AnswerSetup = SdpSetup.Active });
        var remoteChannel = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        answerer.OnDataChannel += channel => remoteChannel.TrySetResult(channel);

        RtcSessionDescription offer = offerer.CreateOffer();
        offerer.SetLocalDescription(offer);
        answerer.SetRemoteDescription(offer with { Sdp = SdpFixtures.Legacy(offer.Sdp) });
        RtcSessionDescription answer = answerer.CreateAnswer();
        answerer.SetLocalDescription(answer);
        offerer.SetRemoteDescription(answer);
        DataChannel local = offerer.CreateDataChannel("oai-events");
        var echoed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        local.OnMessage += message => echoed.TrySetResult(message.Text);
        DataChannel remote = await remoteChannel.Task.WaitAsync(Limit);
        remote.OnMessage += message => remote.Send("echo " + message.Text);
        local.Send("hello");

        Assert.Equal("echo hello", await echoed.Task.WaitAsync(Limit));
        Assert.Contains("m=application ", answer.Sdp, StringComparison.Ordinal);
        Assert.Contains(" DTLS/SCTP 5000\r\n", answer.Sdp, StringComparison.Ordinal);
        Assert.Contains("a=sctpmap:5000 webrtc-datachannel 65535\r\n", answer.Sdp, StringComparison.Ordinal);
    }
}
