using System.Net;
using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

public sealed class IceCandidateTests
{
    [Fact]
    public void Chromium_host_candidate_parses_with_its_extensions()
    {
        IceCandidate candidate = IceCandidate.Parse("candidate:1467250027 1 udp 2122260223 127.0.0.1 46243 typ host generation 0 ufrag Gx3Q network-id 1");

        Assert.Equal("1467250027", candidate.Foundation);
        Assert.Equal(1, candidate.Component);
        Assert.True(candidate.IsUdp);
        Assert.Equal(2122260223u, candidate.Priority);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 46243), candidate.EndPoint);
        Assert.Equal(IceCandidateType.Host, candidate.Type);
        Assert.Equal(["generation", "ufrag", "network-id"], candidate.Extensions.Select(e => e.Key));
    }

    [Theory]
    [InlineData("842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999", IceCandidateType.ServerReflexive)]
    [InlineData("3 1 udp 41885439 198.51.100.2 3478 typ relay raddr 203.0.113.7 rport 61000", IceCandidateType.Relayed)]
    [InlineData("4 1 udp 1845501695 192.0.2.9 5000 typ prflx raddr 10.0.0.1 rport 5000", IceCandidateType.PeerReflexive)]
    [InlineData("5 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0", IceCandidateType.Host)]
    [InlineData("6 1 udp 2113937151 3f4c9d6e-2a71-4b4e-9c1e-1e7e3c0d2b11.local 54321 typ host generation 0", IceCandidateType.Host)]
    [InlineData("7 1 ssltcp 2113937151 192.0.2.1 443 typ host", IceCandidateType.Host)]
    public void Other_candidates_parse_and_round_trip(string value, IceCandidateType type)
    {
        IceCandidate candidate = IceCandidate.Parse(value);

        Assert.Equal(type, candidate.Type);
        Assert.Equal(value, candidate.ToSdpValue());
    }

    [Fact]
    public void Mdns_and_tcp_candidates_are_not_usable_by_the_agent()
    {
        var agent = new IceAgent();
        agent.AddHostCandidate(new IPEndPoint(IPAddress.Loopback, 5000));

        Assert.False(agent.AddRemoteCandidate(IceCandidate.Parse("6 1 udp 2113937151 abc.local 54321 typ host")));
        Assert.False(agent.AddRemoteCandidate(IceCandidate.Parse("5 1 tcp 1518280447 127.0.0.1 443 typ host tcptype passive")));
        Assert.True(agent.AddRemoteCandidate(IceCandidate.Parse("1 1 UDP 2130706431 127.0.0.1 3478 typ host")));
        Assert.Single(agent.Pairs);
    }

    [Theory]
    [InlineData("1 1 udp 2130706431 127.0.0.1 3478")]
    [InlineData("1 1 udp 2130706431 127.0.0.1 3478 kind host")]
    [InlineData("1 1 udp -5 127.0.0.1 3478 typ host")]
    [InlineData("1 1 udp 2130706431 127.0.0.1 70000 typ host")]
    [InlineData("1 1 udp 2130706431 127.0.0.1 3478 typ unicorn")]
    [InlineData("1 1 udp 2130706431 127.0.0.1 3478 typ host generation")]
    public void Malformed_candidates_are_refused(string value)
    {
        Assert.Throws<FormatException>(() => IceCandidate.Parse(value));
        Assert.False(IceCandidate.TryParse(value, out _));
    }

    [Fact]
    public void Priorities_follow_rfc_8445()
    {
        Assert.Equal(2130706431u, IceCandidate.ComputePriority(IceCandidateType.Host, 65535));
        Assert.Equal(1862270975u, IceCandidate.ComputePriority(IceCandidateType.PeerReflexive, 65535));
        // 2^32·min + 2·max + (G>D): the controlling side's priority breaks the tie.
        Assert.Equal((5ul << 32) + 2 * 9 + 1, IceCandidatePair.ComputePriority(9, 5));
        Assert.Equal((5ul << 32) + 2 * 9, IceCandidatePair.ComputePriority(5, 9));
    }
}
