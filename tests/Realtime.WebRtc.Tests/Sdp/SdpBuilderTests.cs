using System.Net;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Tests.Sdp;

public sealed class SdpBuilderTests
{
    private static readonly SdpLocalTransport Local = new(
        new IceCredentials("locl", "local-password-1234567890"),
        SdpFingerprint.Sha256("our certificate"u8),
        [IceCandidate.CreateHost(new IPEndPoint(IPAddress.Loopback, 50000))]);

    [Fact]
    public void Client_offer_bundles_opus_audio_and_a_data_channel()
    {
        string text = SdpOfferBuilder.Build(Local).ToString();
        SessionDescription offer = SessionDescription.Parse(text);
        SdpTransportInfo info = SdpTransportInfo.From(offer);

        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.EndsWith("\r\n", text);
        Assert.Equal(["0", "1"], offer.BundleGroup);
        Assert.Equal(["audio", "application"], offer.Media.Select(m => m.Kind));
        Assert.Equal("audio 50000 UDP/TLS/RTP/SAVPF 111", offer.Media[0].ToLineValue());
        Assert.Equal("application 50000 UDP/DTLS/SCTP webrtc-datachannel", offer.Media[1].ToLineValue());
        Assert.Contains(new SdpLine('c', "IN IP4 127.0.0.1"), offer.Media[0].Lines);
        Assert.Equal("minptime=10;useinbandfec=1", offer.Media[0].Fmtp(111));
        Assert.True(offer.Media[0].RtcpMux);
        Assert.Equal(SdpSetup.ActPass, info.Setup);
        Assert.Equal(Local.Ice, info.Ice);
        Assert.Equal(Local.Fingerprint, info.Fingerprint);
        Assert.Equal(Local.Candidates, info.Candidates);
        Assert.True(info.EndOfCandidates);
        Assert.Equal((111, 5000, 262144), (info.OpusPayloadType!.Value, info.SctpPort, info.MaxMessageSize));
        Assert.False(info.IceLite);
    }

    [Fact]
    public void Data_only_offer_has_one_section()
    {
        SessionDescription offer = SdpOfferBuilder.Build(Local, new SdpOfferOptions { Audio = false });

        MediaDescription data = Assert.Single(offer.Media);
        Assert.Equal("0", data.Mid);
        Assert.Equal(["0"], offer.BundleGroup);
    }

    [Fact]
    public void Emulator_answer_to_chromium_looks_like_OpenAis()
    {
        SessionDescription offer = SessionDescription.Parse(SdpFixtures.ChromiumOffer);

        SessionDescription answer = SessionDescription.Parse(SdpAnswerBuilder.Build(offer, Local with { IceLite = true }).ToString());
        SdpTransportInfo info = SdpTransportInfo.From(answer);

        Assert.True(info.IceLite);
        Assert.Equal(SdpSetup.Active, info.Setup);
        Assert.Equal(["0", "1"], answer.BundleGroup);
        Assert.Equal(["111", "0", "8"], info.Audio!.Formats);
        Assert.Equal(SdpRtpMap.Opus(111), info.Audio.RtpMaps[0]);
        Assert.Equal("minptime=10;useinbandfec=1", info.Audio.Fmtp(111));
        Assert.Equal(SdpDirection.SendRecv, info.Audio.Direction);
        Assert.True(info.Audio.RtcpMux);
        Assert.Equal((5000, 262144), (info.SctpPort, info.MaxMessageSize));
        Assert.Equal(IceCandidateType.Host, Assert.Single(info.Candidates).Type);
        Assert.Equal(Local.Fingerprint, info.Fingerprint);
    }

    [Fact]
    public void Answer_from_a_dotnet_peer_can_take_the_dtls_server_role()
    {
        SessionDescription offer = SessionDescription.Parse(SdpFixtures.ChromiumOffer);

        SessionDescription answer = SdpAnswerBuilder.Build(offer, Local, new SdpAnswerOptions { Setup = SdpSetup.Passive });

        Assert.All(answer.Media, m => Assert.Equal(SdpSetup.Passive, m.Setup));
        Assert.False(answer.IceLite);
    }

    [Theory]
    [InlineData("active", SdpSetup.Active, SdpSetup.Passive)]
    [InlineData("passive", SdpSetup.Passive, SdpSetup.Active)]
    [InlineData("actpass", SdpSetup.Active, SdpSetup.Active)]
    [InlineData("actpass", SdpSetup.Passive, SdpSetup.Passive)]
    public void The_answer_takes_the_dtls_role_the_offer_leaves(string offered, SdpSetup preferred, SdpSetup expected)
    {
        SessionDescription offer = SessionDescription.Parse(SdpFixtures.ChromiumOffer.Replace("a=setup:actpass", "a=setup:" + offered));

        SessionDescription answer = SdpAnswerBuilder.Build(offer, Local, new SdpAnswerOptions { Setup = preferred });

        Assert.Equal(expected, SdpTransportInfo.From(answer).Setup);
    }

    [Fact]
    public void Unsupported_sections_are_rejected_in_place_and_left_out_of_the_bundle()
    {
        string withVideo = SdpFixtures.ChromiumOffer.Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\na=rtpmap:96 VP8/90000\r\n";

        SessionDescription answer = SdpAnswerBuilder.Build(SessionDescription.Parse(withVideo), Local);

        Assert.Equal(3, answer.Media.Count);
        MediaDescription video = answer.Media[2];
        Assert.Equal(("video", 0, "2"), (video.Kind, video.Port, video.Mid));
        Assert.True(video.IsRejected);
        Assert.Equal(["0", "1"], answer.BundleGroup);
    }

    [Fact]
    public void Audio_with_neither_opus_nor_g711_is_rejected_and_the_data_channel_still_accepted()
    {
        string noOpus = SdpFixtures.ChromiumOffer
            .Replace("UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "UDP/TLS/RTP/SAVPF 111 63 9 13 110 126")
            .Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 speex/16000");

        SessionDescription answer = SdpAnswerBuilder.Build(SessionDescription.Parse(noOpus), Local);

        Assert.True(answer.Media[0].IsRejected);
        Assert.False(answer.Media[1].IsRejected);
        Assert.Equal(["1"], answer.BundleGroup);
        Assert.Equal("1", SdpTransportInfo.From(answer).Data!.Mid);
    }

    [Fact]
    public void Opus_and_g711_are_answered_as_OpenAI_answers_them_111_0_8()
    {
        SessionDescription answer = SdpAnswerBuilder.Build(SessionDescription.Parse(SdpFixtures.ChromiumOffer), Local);

        Assert.Equal(["111", "0", "8"], answer.Media[0].Formats);
        Assert.Contains(new SdpLine('a', "rtpmap:0 PCMU/8000"), answer.Media[0].Lines);
        Assert.Contains(new SdpLine('a', "rtpmap:8 PCMA/8000"), answer.Media[0].Lines);
    }

    [Fact]
    public void An_offer_of_PCMU_alone_is_answered_not_refused()
    {
        string pcmuOnly = SdpFixtures.ChromiumOffer
            .Replace("UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "UDP/TLS/RTP/SAVPF 0")
            .Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 speex/16000");

        SessionDescription answer = SdpAnswerBuilder.Build(SessionDescription.Parse(pcmuOnly), Local);

        Assert.False(answer.Media[0].IsRejected);
        Assert.Equal(["0"], answer.Media[0].Formats);
        Assert.Contains(new SdpLine('a', "rtpmap:0 PCMU/8000"), answer.Media[0].Lines);
        Assert.DoesNotContain(answer.Media[0].Lines, l => l.Value.Contains("opus", StringComparison.Ordinal));
        Assert.Equal(["0", "1"], answer.BundleGroup);
    }

    [Fact]
    public void A_sendonly_offer_is_answered_recvonly_and_g711_can_be_declined()
    {
        string sendOnly = SdpFixtures.ChromiumOffer.Replace("a=sendrecv", "a=sendonly");

        SessionDescription answer = SdpAnswerBuilder.Build(SessionDescription.Parse(sendOnly), Local, new SdpAnswerOptions { AcceptG711 = false });

        Assert.Equal(SdpDirection.RecvOnly, answer.Media[0].Direction);
        Assert.Equal(["111"], answer.Media[0].Formats);
    }

    [Fact]
    public void Our_offer_answered_by_our_emulator_round_trips_the_transport_both_ways()
    {
        IceCandidate[] candidates = [IceCandidate.CreateHost(new IPEndPoint(IPAddress.Loopback, 3478))];
        var credentials = new IceCredentials("emul", "emulator-password-123456");
        var emulator = new SdpLocalTransport(credentials, SdpFingerprint.Sha256("emulator certificate"u8), candidates) { IceLite = true };
        SessionDescription offer = SessionDescription.Parse(SdpOfferBuilder.Build(Local, new SdpOfferOptions { AudioSsrc = 1234 }).ToString());

        SessionDescription answer = SessionDescription.Parse(SdpAnswerBuilder.Build(offer, emulator, new SdpAnswerOptions { AudioSsrc = 5678 }).ToString());

        SdpTransportInfo seenByEmulator = SdpTransportInfo.From(offer);
        SdpTransportInfo seenByClient = SdpTransportInfo.From(answer);
        Assert.Equal((Local.Ice, Local.Fingerprint), (seenByEmulator.Ice, seenByEmulator.Fingerprint));
        Assert.Equal((emulator.Ice, emulator.Fingerprint, true), (seenByClient.Ice, seenByClient.Fingerprint, seenByClient.IceLite));
        Assert.Equal(3478, Assert.Single(seenByClient.Candidates).Port);
        Assert.Equal("1234 cname:realtime", offer.Media[0].Attribute("ssrc"));
        Assert.Equal("5678 cname:realtime", answer.Media[0].Attribute("ssrc"));
    }
}
