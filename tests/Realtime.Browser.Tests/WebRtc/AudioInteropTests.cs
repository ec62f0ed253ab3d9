using System.Collections.Concurrent;
using System.Diagnostics;
using Realtime.Testing.Browser;
using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.PeerConnection;
using Realtime.WebRtc.Sdp;
using Xunit.Abstractions;

namespace Realtime.Browser.Tests.WebRtc;

/// <summary>
/// Audio between the managed <see cref="RtcPeerConnection"/> and headless Chromium on 127.0.0.1: .NET sends a tone
/// that Chromium's getStats hears (inbound-rtp packets growing, audioLevel above zero) while .NET receives Chromium's
/// fake microphone with energy in it, with either side offering, .NET as DTLS client or server, Opus or PCMU.
/// </summary>
public sealed class AudioInteropTests(ITestOutputHelper output)
{
    private const int TestTimeoutMs = 120_000;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly Uri Origin = new("http://127.0.0.1:9/");
    private static readonly string[] Flags = [.. Chromium.WebRtcFlags, "--autoplay-policy=no-user-gesture-required"];

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData(SdpSetup.Active, "opus")]
    [InlineData(SdpSetup.Passive, "opus")]
    [InlineData(SdpSetup.Active, "PCMU")]
    [InlineData(SdpSetup.Passive, "PCMU")]
    public async Task Chromium_offers_and_audio_flows_both_ways(SdpSetup setup, string codec)
    {
        await using var chromium = await Chromium.LaunchAsync(Flags);
        var page = await AudioPeerPage.OpenAsync(chromium, Origin);
        await using var peer = new RtcPeerConnection(new RtcConfiguration { AnswerSetup = setup });

        var offer = await page.Page.EvaluateAsync<string>("codec => offer(codec)", codec);
        peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Offer, offer));
        var audio = peer.AudioTransceiver!;
        var heard = new Heard(audio.Receiver);
        var answer = peer.CreateAnswer();
        peer.SetLocalDescription(answer);
        await page.Page.EvaluateAsync("sdp => accept(sdp)", answer.Sdp);

        await ExchangeAsync(page, peer, heard, codec);
        Assert.Equal(setup == SdpSetup.Active ? DtlsRole.Client : DtlsRole.Server, peer.DtlsRole);
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("opus")]
    [InlineData("PCMU")]
    public async Task Dotnet_offers_and_audio_flows_both_ways(string codec)
    {
        await using var chromium = await Chromium.LaunchAsync(Flags);
        var page = await AudioPeerPage.OpenAsync(chromium, Origin);
        await using var peer = new RtcPeerConnection();
        var audio = peer.AddTransceiver(new RtcAudioTransceiverInit { Codecs = [codec] });
        var heard = new Heard(audio.Receiver);

        var offer = peer.CreateOffer();
        peer.SetLocalDescription(offer);
        var answer = await page.Page.EvaluateAsync<string>("sdp => answer(sdp)", offer.Sdp);
        peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));

        await ExchangeAsync(page, peer, heard, codec);
    }

    private async Task ExchangeAsync(AudioPeerPage page, RtcPeerConnection peer, Heard heard, string codec)
    {
        var audio = peer.AudioTransceiver!;
        var clock = Stopwatch.StartNew();
        await audio.Sender.Ready.WaitAsync(Limit);
        output.WriteLine($"SRTP keyed after {clock.ElapsedMilliseconds} ms; codec {audio.Codec}; .NET is DTLS {peer.DtlsRole}");
        using var stop = new CancellationTokenSource();
        var playing = audio.Sender.PlayAsync(new ToneSource(440, amplitude: 0.5), stop.Token);

        var first = await Eventually.ValueAsync(page.StatsAsync, s => s.PacketsReceived > 0 && s.AudioLevel > 0,
            s => $"Chromium hears nothing yet: {s}", Limit);
        // audioLevel is Chromium's level of the moment: a scheduling hiccup on a loaded machine can dip it, so wait for it too.
        var later = await Eventually.ValueAsync(page.StatsAsync, s => s.PacketsReceived >= first.PacketsReceived + 50 && s.AudioLevel > 0.05,
            s => $"Chromium's inbound packets stopped growing or went quiet: {s}", Limit);
        await heard.Enough.WaitAsync(Limit);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => playing);

        output.WriteLine($"Chromium: {later}; .NET: {peer.GetStats()}; loudest frame heard {heard.Loudest:F3}");
        Assert.Equal(codec, audio.Codec!.Name);
        Assert.Equal("audio/" + codec.ToLowerInvariant(), later.Codec?.ToLowerInvariant());
        Assert.True(later.Energy > first.Energy, later.ToString());
        Assert.True(heard.Loudest > 0.05, $"Chromium's fake microphone arrived silent (loudest {heard.Loudest})");
        var stats = peer.GetStats()!;
        Assert.True(stats.Rtp.PacketsReceived >= 100 && stats.Rtp.PacketsSent >= 50, stats.ToString());
    }

    /// <summary>What .NET played from Chromium: completes after 100 decoded frames (2 s), keeping the loudest level.</summary>
    private sealed class Heard
    {
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentBag<double> _levels = [];

        public Heard(RtcAudioReceiver receiver) => receiver.FrameReceived += frame =>
        {
            if (frame.Kind != PlayoutKind.Decoded) return;
            _levels.Add(frame.Frame.Level);
            if (_levels.Count >= 100) _enough.TrySetResult();
        };

        public Task Enough => _enough.Task;

        public double Loudest => _levels.DefaultIfEmpty(0).Max();
    }
}
