using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.PeerConnection;
using Realtime.WebRtc.Sdp;
using Realtime.WebRtc.Tests.Codecs;
using Realtime.WebRtc.Tests.PeerConnection;

namespace Realtime.WebRtc.Tests.Media;

/// <summary>Two peer connections on loopback UDP carrying tones both ways: SDP, DTLS-SRTP, codecs, jitter buffers and RTCP.</summary>
public sealed class RtcAudioPeerTests
{
    private const double OffererTone = 440, AnswererTone = 1000;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Theory(Timeout = 90_000)]
    [InlineData(SdpSetup.Active, "opus")]
    [InlineData(SdpSetup.Passive, "opus")]
    [InlineData(SdpSetup.Active, "PCMU")]
    [InlineData(SdpSetup.Passive, "PCMA")]
    public async Task Tones_cross_both_ways_and_arrive_at_their_frequency(SdpSetup answerSetup, string codec)
    {
        await using var offerer = new RtcPeerConnection();
        await using var answerer = new RtcPeerConnection(new RtcConfiguration { AnswerSetup = answerSetup });
        RtcAudioTransceiver offered = offerer.AddTransceiver(new RtcAudioTransceiverInit { Codecs = [codec, "opus"] });
        RtcAudioTransceiver? tracked = null;
        answerer.OnTrack += t => tracked = t;
        await Negotiate(offerer, answerer);
        RtcAudioTransceiver answered = answerer.AudioTransceiver!;
        var atOfferer = new FrameCollector(offered.Receiver, 50);
        var atAnswerer = new FrameCollector(answered.Receiver, 50);
        using var stop = new CancellationTokenSource();

        Task playing = Task.WhenAll(
            offered.Sender.PlayAsync(new ToneSource(OffererTone), stop.Token),
            answered.Sender.PlayAsync(new ToneSource(AnswererTone), stop.Token));
        await Task.WhenAll(atOfferer.Enough, atAnswerer.Enough).WaitAsync(Limit);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => playing);

        Assert.Same(answered, tracked);
        Assert.Equal((codec, codec), (offered.Codec!.Name, answered.Codec!.Name));
        Assert.Equal(offered.Codec.PayloadType, answered.Codec.PayloadType);
        Assert.Equal((SdpDirection.SendRecv, SdpDirection.SendRecv), (offered.CurrentDirection, answered.CurrentDirection));
        AssertTone(atOfferer, AnswererTone, OffererTone);
        AssertTone(atAnswerer, OffererTone, AnswererTone);
        RtcAudioStats stats = offerer.GetStats()!;
        Assert.True(stats.Rtp.PacketsSent >= 50 && stats.Rtp.PacketsReceived >= 50, stats.ToString());
        Assert.True(stats.Rtp.BytesSent > 0 && stats.Rtp.AudioLevel > 0.1, stats.ToString());
        Assert.Equal(codec, stats.Codec);
    }

    [Fact(Timeout = 60_000)]
    public async Task Round_trip_time_is_measured_from_rtcp_reports()
    {
        await using var offerer = new RtcPeerConnection();
        await using var answerer = new RtcPeerConnection();
        RtcAudioTransceiver offered = offerer.AddTransceiver();
        await Negotiate(offerer, answerer);
        RtcAudioTransceiver answered = answerer.AudioTransceiver!;
        var heard = new FrameCollector(answered.Receiver, 10);
        using var stop = new CancellationTokenSource();
        Task playing = offered.Sender.PlayAsync(new ToneSource(OffererTone), stop.Token);
        _ = answered.Sender.PlayAsync(new SilenceSource(), stop.Token);
        await heard.Enough.WaitAsync(Limit);

        while (offered.GetStats().RoundTripTime is null)
        {
            await Task.Delay(50); // polls a value RTCP sets about once a second; the test timeout bounds it
        }
        await stop.CancelAsync();
        await offerer.CloseAsync();
        TimeSpan rtt = offered.GetStats().RoundTripTime!.Value;
        Assert.InRange(rtt, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => playing);
    }

    internal static async Task Negotiate(RtcPeerConnection offerer, RtcPeerConnection answerer)
    {
        Signalling.Exchange(offerer, answerer);
        await Task.WhenAll(offerer.AudioTransceiver!.Sender.Ready, answerer.AudioTransceiver!.Sender.Ready).WaitAsync(Limit);
    }

    /// <summary>The played audio has energy, at the tone sent rather than at the one this side sent itself.</summary>
    internal static void AssertTone(FrameCollector collector, double expected, double other)
    {
        RtcAudioFrame[] decoded = [.. collector.Decoded.Skip(5)];
        Assert.NotEmpty(decoded);
        double atExpected = decoded.Average(f => TestSignals.Magnitude(f.Frame.Samples, expected));
        double atOther = decoded.Average(f => TestSignals.Magnitude(f.Frame.Samples, other));
        Assert.True(decoded.Average(f => TestSignals.Rms(f.Frame.Samples)) > 3000, "the played audio is too quiet");
        Assert.True(atExpected > 5 * atOther, $"{expected} Hz: {atExpected:F0}, {other} Hz: {atOther:F0}");
        IReadOnlyList<RtcAudioFrame> frames = collector.Frames; // one snapshot: playout goes on meanwhile
        Assert.Equal(frames.Select((_, i) => i * PcmFrame.Duration), frames.Select(f => f.MediaTime));
    }
}
