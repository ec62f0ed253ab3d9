namespace Realtime.WebRtc.Tests.Sdp;

/// <summary>Descriptions as the real peers write them, CRLF line ends included.</summary>
internal static class SdpFixtures
{
    public const string ChromiumFingerprint =
        "sha-256 DD:F8:D3:10:D2:16:93:30:8B:1E:D6:55:3E:49:72:C3:80:73:53:7B:65:6B:6E:8B:95:F6:35:B2:B1:29:AA:56";

    public const string OpenAiFingerprint =
        "sha-256 7D:31:94:F7:9E:64:5C:42:E4:39:6D:DA:38:BE:04:76:68:10:EC:6A:00:D0:0A:CE:D3:FF:C2:A0:A1:F1:A9:EF";

    /// <summary>A Chromium offer after gathering: fake microphone track plus the oai-events data channel.</summary>
    public static readonly string ChromiumOffer = Crlf($"""
        v=0
        o=- 6857244390519839311 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1
        a=extmap-allow-mixed
        a=msid-semantic: WMS 2b8e0b6c-5d3e-4a8f-9a43-1f0c6f0c0c11
        m=audio 47592 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
        c=IN IP4 127.0.0.1
        a=rtcp:9 IN IP4 0.0.0.0
        a=candidate:2999745851 1 udp 2122260223 127.0.0.1 47592 typ host generation 0 network-id 1
        a=candidate:1425685131 1 udp 2122194687 3d5c2f0e-9b7a-4c61-8f0e-2b1c4d5e6f70.local 50123 typ host generation 0 network-id 2
        a=candidate:4233069003 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0 network-id 1
        a=candidate:842163049 1 udp 1686052607 203.0.113.7 47592 typ srflx raddr 127.0.0.1 rport 47592 generation 0 network-id 1
        a=ice-ufrag:nQ7d
        a=ice-pwd:KJ3ePq1dgK8u5wF+GxVh0yPZ
        a=ice-options:trickle
        a=fingerprint:{ChromiumFingerprint}
        a=setup:actpass
        a=mid:0
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=sendrecv
        a=msid:2b8e0b6c-5d3e-4a8f-9a43-1f0c6f0c0c11 7f1d7a2e-1f3b-4c0e-9a52-6d8e1c2b3a44
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:126 telephone-event/8000
        a=ssrc:1601284543 cname:Zk3v9mQpR2sT1uWx
        a=ssrc:1601284543 msid:2b8e0b6c-5d3e-4a8f-9a43-1f0c6f0c0c11 7f1d7a2e-1f3b-4c0e-9a52-6d8e1c2b3a44
        m=application 47592 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 127.0.0.1
        a=candidate:2999745851 1 udp 2122260223 127.0.0.1 47592 typ host generation 0 network-id 1
        a=candidate:1425685131 1 udp 2122194687 3d5c2f0e-9b7a-4c61-8f0e-2b1c4d5e6f70.local 50123 typ host generation 0 network-id 2
        a=candidate:4233069003 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0 network-id 1
        a=candidate:842163049 1 udp 1686052607 203.0.113.7 47592 typ srflx raddr 127.0.0.1 rport 47592 generation 0 network-id 1
        a=ice-ufrag:nQ7d
        a=ice-pwd:KJ3ePq1dgK8u5wF+GxVh0yPZ
        a=ice-options:trickle
        a=fingerprint:{ChromiumFingerprint}
        a=setup:actpass
        a=mid:1
        a=sctp-port:5000
        a=max-message-size:262144

        """);

    /// <summary>The shape of OpenAI's answer: ice-lite, session-level fingerprint, setup:active, UDP 3478 and TCP 443 host candidates.</summary>
    public static readonly string OpenAiAnswer = Crlf($"""
        v=0
        o=- 4016297483648253472 1747700000 IN IP4 0.0.0.0
        s=-
        t=0 0
        a=msid-semantic:WMS*
        a=fingerprint:{OpenAiFingerprint}
        a=ice-lite
        a=extmap-allow-mixed
        a=group:BUNDLE 0 1
        m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8
        c=IN IP4 0.0.0.0
        a=setup:active
        a=mid:0
        a=ice-ufrag:OpNhXzQwRtYuIoPa
        a=ice-pwd:ZxCvBnMaSdFgHjKlQwErTyUiOp123456
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:111 opus/48000/2
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=ssrc:3551834371 cname:realtimeapi
        a=ssrc:3551834371 msid:realtimeapi audio
        a=msid:realtimeapi audio
        a=sendrecv
        a=candidate:4181427637 1 udp 2130706431 192.0.2.10 3478 typ host ufrag OpNhXzQwRtYuIoPa
        a=candidate:1960617224 1 tcp 1671430143 192.0.2.10 443 typ host tcptype passive ufrag OpNhXzQwRtYuIoPa
        a=end-of-candidates
        m=application 9 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 0.0.0.0
        a=setup:active
        a=mid:1
        a=sendrecv
        a=sctp-port:5000
        a=ice-ufrag:OpNhXzQwRtYuIoPa
        a=ice-pwd:ZxCvBnMaSdFgHjKlQwErTyUiOp123456

        """);

    /// <summary>
    /// <see cref="ChromiumOffer"/> with its data section in the pre-RFC 8841 form some stacks still write:
    /// the SCTP port as the format and <c>a=sctpmap</c> instead of <c>a=sctp-port</c>.
    /// </summary>
    public static string Legacy(string description) => description
        .Replace("UDP/DTLS/SCTP webrtc-datachannel", "DTLS/SCTP 5000", StringComparison.Ordinal)
        .Replace("a=sctp-port:5000\r\n", "a=sctpmap:5000 webrtc-datachannel 65535\r\n", StringComparison.Ordinal)
        .Replace("a=max-message-size:262144\r\n", "", StringComparison.Ordinal);

    private static string Crlf(string text) => text.ReplaceLineEndings("\r\n");
}
