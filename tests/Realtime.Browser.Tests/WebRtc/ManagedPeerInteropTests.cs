using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Realtime.Testing.Browser;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.PeerConnection;
using Realtime.WebRtc.Sdp;
using Xunit.Abstractions;

namespace Realtime.Browser.Tests.WebRtc;

/// <summary>
/// The managed <see cref="RtcPeerConnection"/> against headless Chromium on 127.0.0.1, with the SDP carried by
/// the test: the .NET side offers and Chromium answers, or Chromium offers and .NET answers as DTLS client or
/// server. Messages go both ways, 200 KiB ones included.
/// </summary>
public sealed class ManagedPeerInteropTests(ITestOutputHelper output)
{
    private const int TestTimeoutMs = 90_000;
    private const int Big = 200 * 1024;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    // Any 127.0.0.1 origin is a secure context; the route answers before anything listens there.
    private static readonly Uri Origin = new("http://127.0.0.1:9/");

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Dotnet_offers_Chromium_answers_and_messages_flow_both_ways()
    {
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await PeerPage.OpenAsync(chromium, Origin);
        await using var peer = new RtcPeerConnection(new RtcConfiguration { OfferAudio = false });
        var clock = Stopwatch.StartNew();

        var offer = peer.CreateOffer();
        peer.SetLocalDescription(offer);
        var answer = await page.Page.EvaluateAsync<string>("sdp => answer(sdp)", offer.Sdp);
        peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
        var channel = peer.CreateDataChannel("chat");
        var inbox = new Inbox(channel);
        Assert.Equal("chat", await page.Page.EvaluateAsync<string>("() => channelOpen()").WaitAsync(Limit));
        output.WriteLine($"offer to open channel: {clock.ElapsedMilliseconds} ms; .NET is DTLS {peer.DtlsRole}");

        await ExchangeAsync(page, channel, inbox);
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(SdpSetup.Active)]
    [InlineData(SdpSetup.Passive)]
    public async Task Chromium_offers_Dotnet_answers_as_either_DTLS_role(SdpSetup setup)
    {
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var page = await PeerPage.OpenAsync(chromium, Origin);
        await using var peer = new RtcPeerConnection(new RtcConfiguration { AnswerSetup = setup });
        var remote = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        peer.OnDataChannel += c => remote.TrySetResult(c);
        Inbox? inbox = null;
        peer.OnDataChannel += c => inbox = new Inbox(c);

        var offer = await page.Page.EvaluateAsync<string>("label => offer(label)", "oai-events");
        peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Offer, offer));
        var answer = peer.CreateAnswer();
        peer.SetLocalDescription(answer);
        await page.Page.EvaluateAsync("sdp => accept(sdp)", answer.Sdp);
        var channel = await remote.Task.WaitAsync(Limit);
        await page.Page.EvaluateAsync<string>("() => channelOpen()").WaitAsync(Limit);
        Assert.Equal("oai-events", channel.Label);
        Assert.Equal(setup == SdpSetup.Active ? DtlsRole.Client : DtlsRole.Server, peer.DtlsRole);

        await ExchangeAsync(page, channel, inbox!);
    }

    private static async Task ExchangeAsync(PeerPage page, DataChannel channel, Inbox inbox)
    {
        var pattern = new byte[Big];
        for (var i = 0; i < pattern.Length; i++) pattern[i] = (byte)(i % 251);
        channel.Send("hello from .NET");
        channel.Send(pattern);
        await page.Page.EvaluateAsync("([t, n]) => sendBoth(t, n)", new object[] { "hello from Chromium", Big });

        var text = await inbox.NextAsync();
        Assert.Equal("hello from Chromium", text.Text);
        var binary = await inbox.NextAsync();
        Assert.True(binary.IsBinary);
        Assert.Equal(Big, binary.Data.Length);
        Assert.True(binary.Data.Select((b, i) => b == (byte)(i * 7 % 256)).All(ok => ok));

        var got = await Eventually.ValueAsync(() => page.Page.EvaluateAsync<JsonElement>("() => received()"),
            r => r.GetProperty("binaries").GetArrayLength() > 0, r => $"Chromium received no binary message: {r}", Limit);
        Assert.Equal("hello from .NET", got.GetProperty("texts")[0].GetString());
        var received = got.GetProperty("binaries")[0];
        Assert.Equal(Big, received.GetProperty("length").GetInt32());
        Assert.True(received.GetProperty("ok").GetBoolean());
        Assert.Equal("connected", await page.Page.EvaluateAsync<string>("() => state()"));
    }

    private sealed class Inbox
    {
        private readonly Channel<DataChannelMessage> _messages = Channel.CreateUnbounded<DataChannelMessage>();

        public Inbox(DataChannel channel) => channel.OnMessage += m => _messages.Writer.TryWrite(m);

        public async Task<DataChannelMessage> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Limit);
            return await _messages.Reader.ReadAsync(timeout.Token);
        }
    }
}
