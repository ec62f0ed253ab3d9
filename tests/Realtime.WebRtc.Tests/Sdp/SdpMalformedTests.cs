using Realtime.WebRtc.Sdp;

namespace Realtime.WebRtc.Tests.Sdp;

public sealed class SdpMalformedTests
{
    private const string Head = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    public static TheoryData<string, int, string> Cases() => new()
    {
        { "", 0, "empty" },
        { "hello", 1, "expected '<letter>=<value>'" },
        { "v=1\r\n", 1, "v=0" },
        { "o=- 1 2 IN IP4 127.0.0.1\r\nv=0\r\n", 1, "v=0" },
        { "v=0\r\ns=-\r\nt=0 0\r\n", 0, "no o= line" },
        { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nt=0 0\r\n", 0, "no s= line" },
        { "v=0\r\no=- abc 2 IN IP4 127.0.0.1\r\ns=-\r\n", 2, "digits" },
        { "v=0\r\no=- 1 2 IN IP4\r\ns=-\r\n", 2, "origin must be" },
        { Head + "v=0\r\n", 5, "only once" },
        { Head + "A=foo\r\n", 5, "expected '<letter>=<value>'" },
        { Head + "m=audio nine UDP/TLS/RTP/SAVPF 111\r\n", 5, "port" },
        { Head + "m=audio 70000 UDP/TLS/RTP/SAVPF 111\r\n", 5, "port" },
        { Head + "m=audio 9 UDP/TLS/RTP/SAVPF\r\n", 5, "m= needs" },
        { Head + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=rtpmap:abc opus/48000/2\r\n", 7, "rtpmap" },
        { Head + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus\r\n", 6, "rtpmap" },
        { Head + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fmtp:x minptime=10\r\n", 6, "fmtp" },
        { Head + "a=fingerprint:sha-256 ZZ:11\r\n", 5, "fingerprint byte 'ZZ'" },
        { Head + "a=fingerprint:sha-256\r\n", 5, "fingerprint must be" },
        { Head + "a=setup:sideways\r\n", 5, "setup must be" },
        { Head + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:five\r\n", 6, "sctp-port" },
        { Head + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=max-message-size:-1\r\n", 6, "max-message-size" },
        { Head + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=candidate:1 1 udp x 1.2.3.4 5 typ host\r\n", 6, "priority" },
        { Head + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=candidate:1 1 udp 1 1.2.3.4 5\r\n", 6, "candidate needs" },
        { Head + "a=ice-ufrag:\r\n", 5, "ice-ufrag" },
        { Head + "a=mid:a b\r\n", 5, "mid" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_lines_are_reported_with_their_line_number(string text, int line, string reason)
    {
        var error = Assert.Throws<SdpParseException>(() => SessionDescription.Parse(text));

        Assert.Equal(line, error.LineNumber);
        Assert.Contains(reason, error.Message);
        Assert.StartsWith($"SDP line {line}: ", error.Message);
    }

    [Fact]
    public void The_offending_line_is_quoted()
    {
        var error = Assert.Throws<SdpParseException>(() => SessionDescription.Parse(Head + "a=setup:sideways\r\n"));

        Assert.Equal("a=setup:sideways", error.Line);
        Assert.Contains("('a=setup:sideways')", error.Message);
    }

    [Fact]
    public void Unknown_attributes_and_line_types_are_kept_not_refused()
    {
        string text = Head + "b=AS:30\r\na=x-custom:1 2 3\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\ni=voice\r\na=x-flag\r\n";

        SessionDescription description = SessionDescription.Parse(text);

        Assert.Equal("1 2 3", description.Attribute("x-custom"));
        Assert.True(description.Media[0].HasAttribute("x-flag"));
        Assert.Equal(text, description.ToString());
    }

    [Theory]
    [InlineData("a=ice-ufrag:nQ7d\r\n", "a=ice-ufrag")]
    [InlineData("a=ice-pwd:KJ3ePq1dgK8u5wF+GxVh0yPZ\r\n", "a=ice-pwd")]
    [InlineData("a=fingerprint:" + SdpFixtures.ChromiumFingerprint + "\r\n", "a=fingerprint")]
    public void An_offer_missing_a_transport_essential_names_the_media_line(string removed, string what)
    {
        SessionDescription offer = SessionDescription.Parse(SdpFixtures.ChromiumOffer.Replace(removed, ""));

        var error = Assert.Throws<SdpParseException>(() => SdpTransportInfo.From(offer));

        Assert.Equal(8, error.LineNumber); // m=audio, the BUNDLE tag
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void Answering_requires_mids_and_a_bundle_tag_that_exists()
    {
        SessionDescription noMid = SessionDescription.Parse(SdpFixtures.ChromiumOffer.Replace("a=group:BUNDLE 0 1\r\n", "").Replace("a=mid:1\r\n", ""));
        SessionDescription badTag = SessionDescription.Parse(SdpFixtures.ChromiumOffer.Replace("BUNDLE 0 1", "BUNDLE 7 1"));
        var local = new SdpLocalTransport(new("u1u1", "p1p1p1p1p1p1p1p1p1p1p1p1"), SdpFingerprint.Sha256([1]), []);

        // m=application is line 42 of the fixture, 41 once the group line is gone.
        Assert.Equal(41, Assert.Throws<SdpParseException>(() => SdpAnswerBuilder.Build(noMid, local)).LineNumber);
        Assert.Contains("mid '7'", Assert.Throws<SdpParseException>(() => SdpAnswerBuilder.Build(badTag, local)).Message);
        Assert.Contains("no media", Assert.Throws<SdpParseException>(() => SdpTransportInfo.From(SessionDescription.Parse(Head))).Message);
    }
}
