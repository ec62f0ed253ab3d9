using System.Net;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Tests.Sdp;

/// <summary>What an answer agrees to: codecs in the offer's order at its payload types, direction, and the legacy data section.</summary>
public sealed class SdpNegotiationTests
{
    private static readonly SdpLocalTransport Local = new(
        new IceCredentials("locl", "local-password-1234567890"),
        SdpFingerprint.Sha256("our certificate"u8),
        [IceCandidate.CreateHost(new IPEndPoint(IPAddress.Loopback, 50000))]);

    [Fact]
    public void A_legacy_data_section_is_read_and_answered_in_kind()
    {
        SessionDescription offer = SessionDescription.Parse(SdpFixtures.Legacy(SdpFixtures.ChromiumOffer));

        SdpTransportInfo offered = SdpTransportInfo.From(offer);
        SessionDescription answer = SessionDescription.Parse(SdpAnswerBuilder.Build(offer, Local).ToString());
        SdpTransportInfo answered = SdpTransportInfo.From(answer);

        Assert.True(offered.Data!.IsLegacyDataChannel);
        Assert.Equal((5000, SdpTransportInfo.DefaultMaxMessageSize), (offered.SctpPort, offered.MaxMessageSize));
        Assert.Equal("application 50000 DTLS/SCTP 5000", answer.Media[1].ToLineValue());
        Assert.Equal("5000 webrtc-datachannel 65535", answer.Media[1].Attribute("sctpmap"));
        Assert.False(answer.Media[1].HasAttribute("sctp-port"));
        Assert.True(answered.Data!.IsDataChannel);
        Assert.Equal(5000, answered.SctpPort);
        Assert.Equal(["0", "1"], answer.BundleGroup);
    }

    [Fact]
    public void An_sctpmap_for_another_protocol_is_not_a_data_channel()
    {
        string other = SdpFixtures.Legacy(SdpFixtures.ChromiumOffer).Replace("sctpmap:5000 webrtc-datachannel", "sctpmap:5000 bfcp", StringComparison.Ordinal);

        SessionDescription answer = SdpAnswerBuilder.Build(SessionDescription.Parse(other), Local);

        Assert.True(answer.Media[1].IsRejected);
        Assert.Null(SdpTransportInfo.From(SessionDescription.Parse(other)).Data);
    }

    [Theory]
    [InlineData("111 0 8", "111 0 8")]
    [InlineData("0 111 8", "0 111 8")]
    [InlineData("8 0", "8 0")]
    [InlineData("9 0 111", "0 111")]
    public void The_answer_keeps_the_offers_codec_order_so_its_first_supported_codec_is_used(string offered, string answered)
    {
        string offer = SdpFixtures.ChromiumOffer.Replace("UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "UDP/TLS/RTP/SAVPF " + offered, StringComparison.Ordinal);

        SessionDescription answer = SdpAnswerBuilder.Build(SessionDescription.Parse(offer), Local);

        Assert.Equal(answered.Split(' '), answer.Media[0].Formats);
    }

    [Fact]
    public void Payload_types_come_from_the_offer_not_from_a_constant()
    {
        string offer = SdpFixtures.ChromiumOffer
            .Replace("UDP/TLS/RTP/SAVPF 111 63", "UDP/TLS/RTP/SAVPF 109 63", StringComparison.Ordinal)
            .Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:109 opus/48000/2", StringComparison.Ordinal)
            .Replace("a=fmtp:111 ", "a=fmtp:109 ", StringComparison.Ordinal);

        MediaDescription audio = SessionDescription.Parse(SdpAnswerBuilder.Build(SessionDescription.Parse(offer), Local).ToString()).Media[0];
        RtcAudioCodecInfo codec = RtcAudioCodecInfo.From(audio.AudioFormats[0], audio)!;

        Assert.Equal(("opus", 109, 48000, 2, "minptime=10;useinbandfec=1"), (codec.Name, codec.PayloadType, codec.ClockRate, codec.Channels, codec.Fmtp));
    }

    [Theory]
    [InlineData(SdpDirection.SendRecv, SdpDirection.SendRecv, SdpDirection.SendRecv)]
    [InlineData(SdpDirection.SendRecv, SdpDirection.RecvOnly, SdpDirection.RecvOnly)]
    [InlineData(SdpDirection.SendOnly, SdpDirection.SendRecv, SdpDirection.RecvOnly)]
    [InlineData(SdpDirection.RecvOnly, SdpDirection.SendRecv, SdpDirection.SendOnly)]
    [InlineData(SdpDirection.RecvOnly, SdpDirection.RecvOnly, SdpDirection.Inactive)]
    [InlineData(SdpDirection.Inactive, SdpDirection.SendRecv, SdpDirection.Inactive)]
    public void The_answer_direction_is_what_the_offer_allows_of_what_we_want(SdpDirection offered, SdpDirection wanted, SdpDirection answered)
    {
        Assert.Equal(answered, SdpAnswerBuilder.AnswerDirection(offered, wanted));
    }

    [Fact]
    public void Our_offer_lists_opus_pcmu_pcma_with_rtcp_mux_and_announces_its_stream()
    {
        SessionDescription offer = SessionDescription.Parse(
            SdpOfferBuilder.Build(Local, new SdpOfferOptions { AudioCodecs = ["opus", "PCMU", "PCMA"], AudioSsrc = 42 }).ToString());
        MediaDescription audio = offer.Media[0];

        Assert.Equal("audio 50000 UDP/TLS/RTP/SAVPF 111 0 8", audio.ToLineValue());
        Assert.Equal([SdpRtpMap.Opus(111), SdpRtpMap.Pcmu, SdpRtpMap.Pcma], audio.AudioFormats);
        Assert.Equal("minptime=10;useinbandfec=1", audio.Fmtp(111));
        Assert.True(audio.RtcpMux);
        Assert.Equal("0", audio.Mid);
        Assert.Equal("realtime audio-42", audio.Attribute("msid"));
        Assert.Equal(["42 cname:realtime", "42 msid:realtime audio-42"], audio.AttributeValues("ssrc"));
    }
}
