using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.Sdp;
using Realtime.WebRtc.Tests.Codecs;
using Realtime.WebRtc.Tests.Sctp;

namespace Realtime.WebRtc.Tests.Media;

/// <summary>The audio state machine on a fake clock: SRTP, codec, jitter buffer, playout and RTCP without sockets.</summary>
public sealed class AudioSessionTests
{
    private static readonly RtcAudioCodecInfo Opus = new("opus", 111, 48000, 2, null);
    private static readonly RtcAudioCodecInfo Pcmu = new("PCMU", 0, 8000, 1, null);

    public static TheoryData<string, SrtpProfile> Codecs => new()
    {
        { "opus", SrtpProfile.Aes128CmHmacSha1_80 },
        { "PCMU", SrtpProfile.Aes128CmHmacSha1_80 },
        { "opus", SrtpProfile.AeadAes128Gcm },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_tone_survives_ten_percent_loss_and_reordering_with_concealment_and_bounded_delay(string codec, SrtpProfile profile)
    {
        var link = new LossyLink(41, loss: 0.1, minDelayMs: 5, maxDelayMs: 45);
        using var pair = new AudioSessionPair(link, codec == "opus" ? Opus : Pcmu, new ToneSource(440), new ToneSource(1000), profile);

        pair.Run(TimeSpan.FromSeconds(10));

        foreach ((int side, double tone, double other) in new[] { (1, 440.0, 1000.0), (0, 1000.0, 440.0) })
        {
            var played = pair.Played[side];
            RtcAudioStats stats = pair.Sides[side].GetStats();
            Assert.InRange(played.Count, 480, 501); // one frame per 20 ms once playout started
            Assert.True(stats.FramesConcealed > 10, stats.ToString());
            Assert.True(stats.Rtp.PacketsLost > 10, stats.ToString());
            TimeSpan worstWait = played.Where(p => p.Frame.Kind == PlayoutKind.Decoded).Max(p => p.PlayedAt - p.Frame.ArrivedAt);
            Assert.True(worstWait <= new JitterBufferOptions().MaxDelay, $"a frame waited {worstWait}");
            PcmFrame[] decoded = [.. played.Skip(10).Where(p => p.Frame.Kind == PlayoutKind.Decoded).Select(p => p.Frame.Frame)];
            double atTone = decoded.Average(f => TestSignals.Magnitude(f.Samples, tone));
            double atOther = decoded.Average(f => TestSignals.Magnitude(f.Samples, other));
            Assert.True(atTone > 5 * atOther && decoded.Average(f => TestSignals.Rms(f.Samples)) > 3000, $"{tone} Hz: {atTone:F0}, {other} Hz: {atOther:F0}");
        }
    }

    [Fact]
    public void Reports_give_the_sender_a_round_trip_time_and_bye_ends_the_peers_playout()
    {
        var link = new LossyLink(42, minDelayMs: 20, maxDelayMs: 20);
        using var pair = new AudioSessionPair(link, Opus, new ToneSource(440), null);
        pair.Run(TimeSpan.FromSeconds(3));
        int playedBeforeBye = pair.Played[1].Count;

        pair.Sides[0].Close(pair.Now);
        pair.Run(TimeSpan.FromSeconds(1));

        TimeSpan rtt = pair.Sides[0].GetStats().RoundTripTime!.Value;
        Assert.InRange(rtt.TotalMilliseconds, 39, 41);
        Assert.InRange(pair.Played[1].Count - playedBeforeBye, 0, 2); // the BYE takes one link delay to arrive
        Assert.False(pair.Sides[0].CanSend);
        Assert.False(pair.Sides[0].Send(PcmFrame.Silence(), muted: false, pair.Now));
    }

    [Fact]
    public void Nothing_is_sent_or_played_before_keying_and_foreign_payload_types_are_ignored()
    {
        using var unkeyed = new AudioSession(new AudioSessionOptions { Codecs = [Pcmu], Sends = true, Receives = true, LocalSsrc = 7 });
        Assert.False(unkeyed.Send(PcmFrame.Silence(), muted: false, TimeSpan.Zero));
        Assert.False(unkeyed.TryPollTransmit(out _));

        var link = new LossyLink(43);
        using var pair = new AudioSessionPair(link, Pcmu, new ToneSource(440), null);
        using var intruder = new AudioSession(new AudioSessionOptions { Codecs = [Opus], Sends = true, Receives = false, LocalSsrc = 2000 });
        intruder.Key(pair.KeysOf(DtlsRole.Client), pair.Now);
        pair.Run(TimeSpan.FromMilliseconds(200));
        for (int i = 0; i < 10; i++)
        {
            Assert.True(intruder.Send(PcmFrame.Silence(), muted: false, pair.Now));
            while (intruder.TryPollTransmit(out byte[] datagram))
            {
                pair.Sides[1].HandleDatagram(datagram, pair.Now);
            }
        }
        pair.Run(TimeSpan.FromMilliseconds(300));

        RtcAudioStats stats = pair.Sides[1].GetStats();
        Assert.Equal(("PCMU", 1000u), (stats.Codec, pair.Sides[1].RemoteSsrc));
        Assert.Equal(pair.Sides[0].GetStats().Rtp.PacketsSent, stats.Rtp.PacketsReceived);
    }

    [Fact]
    public void A_muted_sender_keeps_sending_but_only_silence()
    {
        var link = new LossyLink(44);
        using var pair = new AudioSessionPair(link, Pcmu, null, null);
        var tone = new ToneSource(440);
        for (int i = 0; i < 30; i++)
        {
            Assert.True(tone.TryReadFrame(out PcmFrame? frame));
            Assert.True(pair.Sides[0].Send(frame, muted: true, pair.Now));
            pair.Run(PcmFrame.Duration);
        }
        pair.Run(TimeSpan.FromMilliseconds(200));

        Assert.Equal(30, pair.Sides[0].GetStats().Rtp.PacketsSent);
        Assert.All(pair.Played[1], p => Assert.True(p.Frame.Frame.Level < 0.01));
        Assert.Contains(pair.Played[1], p => p.Frame.Kind == PlayoutKind.Decoded);
    }

    [Fact]
    public void Inactive_or_receive_only_directions_refuse_to_send()
    {
        using var receiveOnly = new AudioSession(new AudioSessionOptions { Codecs = [Opus], Sends = false, Receives = true, LocalSsrc = 9 });
        receiveOnly.Key(new SrtpKeyingMaterial(SrtpProfile.Aes128CmHmacSha1_80, DtlsRole.Client, new byte[16], new byte[16], new byte[14], new byte[14]), TimeSpan.Zero);

        Assert.False(receiveOnly.CanSend);
        Assert.False(receiveOnly.Send(PcmFrame.Silence(), muted: false, TimeSpan.Zero));
        Assert.Equal(SdpDirection.Inactive, SdpAnswerBuilder.AnswerDirection(SdpDirection.RecvOnly, SdpDirection.RecvOnly));
    }
}
