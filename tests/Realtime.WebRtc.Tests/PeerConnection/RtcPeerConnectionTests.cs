using System.Security.Cryptography;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.PeerConnection;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Tests.PeerConnection;

/// <summary>Two peer connections on loopback UDP: the whole stack with real sockets and real time.</summary>
public sealed class RtcPeerConnectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Theory(Timeout = 60_000)]
    [InlineData(SdpSetup.Active, false)]
    [InlineData(SdpSetup.Passive, false)]
    [InlineData(SdpSetup.Active, true)]
    public async Task A_channel_carries_text_and_200_KiB_messages_both_ways(SdpSetup answerSetup, bool answererIsLite)
    {
        await using var offerer = new RtcPeerConnection();
        await using var answerer = new RtcPeerConnection(new RtcConfiguration { AnswerSetup = answerSetup, IceLite = answererIsLite });
        var remoteChannel = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        answerer.OnDataChannel += channel => remoteChannel.TrySetResult(channel);

        (RtcSessionDescription offer, RtcSessionDescription answer) = Signalling.Exchange(offerer, answerer);
        Assert.Equal((offer, answer), (offerer.LocalDescription, offerer.RemoteDescription));
        Assert.Equal((answer, offer), (answerer.LocalDescription, answerer.RemoteDescription));
        Assert.Contains("a=setup:" + answerSetup.ToString().ToLowerInvariant(), answer.Sdp, StringComparison.Ordinal);
        Assert.Equal(answerSetup == SdpSetup.Active ? DtlsRole.Server : DtlsRole.Client, offerer.DtlsRole);

        DataChannel local = offerer.CreateDataChannel("oai-events", ordered: true);
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        local.OnOpen += () => opened.TrySetResult();
        var atOfferer = new MessageSink(local);
        DataChannel remote = await remoteChannel.Task.WaitAsync(Limit);
        var atAnswerer = new MessageSink(remote);
        if (local.State != DataChannelState.Open)
        {
            await opened.Task.WaitAsync(Limit);
        }
        Assert.Equal("oai-events", remote.Label);
        Assert.Equal(RtcPeerConnectionState.Connected, offerer.ConnectionState);
        Assert.Equal(RtcPeerConnectionState.Connected, answerer.ConnectionState);

        byte[] big = RandomNumberGenerator.GetBytes(200 * 1024);
        local.Send("""{"type":"session.update"}""");
        local.Send(big);
        remote.Send("""{"type":"session.created"}""");
        remote.Send(big);

        DataChannelMessage[] gotByAnswerer = await atAnswerer.TakeAsync(2, Limit);
        DataChannelMessage[] gotByOfferer = await atOfferer.TakeAsync(2, Limit);
        Assert.Equal("""{"type":"session.update"}""", gotByAnswerer[0].Text);
        Assert.Equal(big, gotByAnswerer[1].Data);
        Assert.True(gotByAnswerer[1].IsBinary);
        Assert.Equal("""{"type":"session.created"}""", gotByOfferer[0].Text);
        Assert.Equal(big, gotByOfferer[1].Data);

        var closedAtAnswerer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        answerer.OnConnectionStateChange += state =>
        {
            if (state is RtcPeerConnectionState.Closed or RtcPeerConnectionState.Failed)
            {
                closedAtAnswerer.TrySetResult();
            }
        };
        await offerer.CloseAsync();
        Assert.Equal(RtcPeerConnectionState.Closed, offerer.ConnectionState);
        await closedAtAnswerer.Task.WaitAsync(Limit);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_certificate_that_does_not_match_the_signalled_fingerprint_fails_the_connection()
    {
        await using var offerer = new RtcPeerConnection();
        await using var answerer = new RtcPeerConnection();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        offerer.OnConnectionStateChange += state =>
        {
            if (state == RtcPeerConnectionState.Failed)
            {
                failed.TrySetResult();
            }
        };
        RtcSessionDescription offer = offerer.CreateOffer();
        offerer.SetLocalDescription(offer);
        answerer.SetRemoteDescription(offer);
        RtcSessionDescription answer = answerer.CreateAnswer();
        answerer.SetLocalDescription(answer);
        // Signal someone else's certificate: the offerer must refuse the handshake.
        string forged = SdpFingerprint.Sha256(DtlsCertificate.Generate().DerEncoded).ToString();
        string tampered = string.Join("\r\n", answer.Sdp.Split("\r\n").Select(l => l.StartsWith("a=fingerprint:", StringComparison.Ordinal) ? "a=fingerprint:" + forged : l));
        offerer.SetRemoteDescription(answer with { Sdp = tampered });

        await failed.Task.WaitAsync(Limit);
        Assert.Throws<InvalidOperationException>(() => new RtcPeerConnection().CreateDataChannel("x"));
    }

    [Fact]
    public void The_offerer_takes_the_dtls_role_the_answer_left()
    {
        Assert.Equal(DtlsRole.Server, RtcPeerConnection.ChooseDtlsRole(SdpSetup.ActPass, SdpSetup.Active));
        Assert.Equal(DtlsRole.Client, RtcPeerConnection.ChooseDtlsRole(SdpSetup.ActPass, SdpSetup.Passive));
        Assert.Equal(DtlsRole.Client, RtcPeerConnection.ChooseDtlsRole(SdpSetup.Active, SdpSetup.ActPass));
        Assert.Equal(DtlsRole.Server, RtcPeerConnection.ChooseDtlsRole(SdpSetup.Passive, SdpSetup.ActPass));
    }

    private sealed class MessageSink
    {
        private readonly System.Threading.Channels.Channel<DataChannelMessage> _messages = System.Threading.Channels.Channel.CreateUnbounded<DataChannelMessage>();

        public MessageSink(DataChannel channel) => channel.OnMessage += m => _messages.Writer.TryWrite(m);

        public async Task<DataChannelMessage[]> TakeAsync(int count, TimeSpan limit)
        {
            using var timeout = new CancellationTokenSource(limit);
            var taken = new DataChannelMessage[count];
            for (int i = 0; i < count; i++)
            {
                taken[i] = await _messages.Reader.ReadAsync(timeout.Token);
            }
            return taken;
        }
    }
}
