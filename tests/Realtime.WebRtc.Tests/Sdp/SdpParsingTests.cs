using System.Net;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Tests.Sdp;

public sealed class SdpParsingTests
{
    [Fact]
    public void Chromium_offer_parses_session_and_media_fields()
    {
        SessionDescription offer = SessionDescription.Parse(SdpFixtures.ChromiumOffer);

        Assert.Equal("6857244390519839311", offer.Origin.SessionId);
        Assert.Equal("-", offer.SessionName);
        Assert.Equal(["0", "1"], offer.BundleGroup);
        Assert.False(offer.IceLite);
        Assert.Equal(2, offer.Media.Count);

        MediaDescription audio = offer.Media[0];
        Assert.Equal(("audio", 47592, MediaDescription.AudioProtocol), (audio.Kind, audio.Port, audio.Protocol));
        Assert.Equal(["111", "63", "9", "0", "8", "13", "110", "126"], audio.Formats);
        Assert.Equal("0", audio.Mid);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.True(audio.RtcpMux);
        Assert.Equal(SdpSetup.ActPass, audio.Setup);
        Assert.Equal(8, audio.RtpMaps.Count);
        Assert.Equal(SdpRtpMap.Opus(111), audio.RtpMaps[0]);
        Assert.Equal(new SdpRtpMap(9, "G722", 8000), audio.RtpMaps[2]);
        Assert.Equal("minptime=10;useinbandfec=1", audio.Fmtp(111));
        Assert.Equal("111/111", audio.Fmtp(63));
        Assert.Equal(4, audio.AttributeValues("extmap").Count());
        Assert.Equal(2, audio.AttributeValues("ssrc").Count());
        Assert.Equal(("nQ7d", "KJ3ePq1dgK8u5wF+GxVh0yPZ"), (audio.IceUfrag, audio.IcePwd));
        Assert.Equal(SdpFixtures.ChromiumFingerprint, audio.Fingerprint!.ToString());
        Assert.Equal(4, audio.Candidates.Count);

        MediaDescription data = offer.Media[1];
        Assert.True(data.IsDataChannel);
        Assert.Equal(("1", 5000, 262144), (data.Mid, data.SctpPort!.Value, data.MaxMessageSize!.Value));
    }

    [Fact]
    public void Chromium_candidates_of_every_kind_parse()
    {
        IReadOnlyList<IceCandidate> candidates = SessionDescription.Parse(SdpFixtures.ChromiumOffer).Media[0].Candidates;

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 47592), candidates[0].EndPoint);
        Assert.Null(candidates[1].EndPoint); // mDNS name: learned as peer-reflexive once checks arrive
        Assert.Equal(("tcp", "active"), (candidates[2].Transport, candidates[2].TcpType));
        Assert.Equal((IceCandidateType.ServerReflexive, "127.0.0.1", 47592), (candidates[3].Type, candidates[3].RelatedAddress, candidates[3].RelatedPort!.Value));
    }

    [Fact]
    public void Chromium_offer_transport_summary_is_what_the_peer_connection_needs()
    {
        SdpTransportInfo info = SdpTransportInfo.From(SessionDescription.Parse(SdpFixtures.ChromiumOffer));

        Assert.Equal(new IceCredentials("nQ7d", "KJ3ePq1dgK8u5wF+GxVh0yPZ"), info.Ice);
        Assert.False(info.IceLite);
        Assert.Equal(SdpSetup.ActPass, info.Setup);
        Assert.Equal(SdpFingerprint.Parse(SdpFixtures.ChromiumFingerprint), info.Fingerprint);
        Assert.Equal(4, info.Candidates.Count); // the same four in both sections, counted once
        Assert.Equal(111, info.OpusPayloadType);
        Assert.Equal((5000, 262144), (info.SctpPort, info.MaxMessageSize));
        Assert.Equal("0", info.Audio!.Mid);
        Assert.Equal("1", info.Data!.Mid);
    }

    [Fact]
    public void OpenAi_answer_parses_with_session_level_fingerprint_and_ice_lite()
    {
        SdpTransportInfo info = SdpTransportInfo.From(SessionDescription.Parse(SdpFixtures.OpenAiAnswer));

        Assert.True(info.IceLite);
        Assert.Equal(SdpSetup.Active, info.Setup);
        Assert.Equal(SdpFixtures.OpenAiFingerprint, info.Fingerprint.ToString());
        Assert.Equal("OpNhXzQwRtYuIoPa", info.Ice.Ufrag);
        Assert.Equal(111, info.OpusPayloadType);
        Assert.Equal(["111", "0", "8"], info.Audio!.Formats);
        Assert.True(info.EndOfCandidates);
        Assert.Equal([3478, 443], info.Candidates.Select(c => c.Port));
        Assert.Equal(SdpTransportInfo.DefaultMaxMessageSize, info.MaxMessageSize); // no a=max-message-size: 64 KiB
    }

    [Fact]
    public void Only_the_udp_candidate_of_OpenAis_answer_is_paired()
    {
        SdpTransportInfo info = SdpTransportInfo.From(SessionDescription.Parse(SdpFixtures.OpenAiAnswer));
        var agent = new IceAgent();
        agent.AddHostCandidate(new IPEndPoint(IPAddress.Parse("192.0.2.99"), 50000));
        agent.SetRemoteCredentials(info.Ice);

        bool[] used = [.. info.Candidates.Select(agent.AddRemoteCandidate)];

        Assert.Equal([true, false], used);
        Assert.Equal(3478, Assert.Single(agent.Pairs).Remote.Port);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Real_descriptions_are_written_back_byte_for_byte(string text)
    {
        Assert.Equal(text, SessionDescription.Parse(text).ToString());
    }

    [Fact]
    public void Lf_line_ends_are_accepted_and_written_as_crlf()
    {
        string lf = SdpFixtures.ChromiumOffer.Replace("\r\n", "\n");

        SessionDescription offer = SessionDescription.Parse(lf);

        Assert.Equal(SdpFixtures.ChromiumOffer, offer.ToString());
    }

    public static TheoryData<string> Fixtures() => [SdpFixtures.ChromiumOffer, SdpFixtures.OpenAiAnswer];
}
