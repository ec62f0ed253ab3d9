using Realtime.WebRtc.Rtp;

namespace Realtime.WebRtc.Tests.Rtp;

public sealed class RtcpCompoundPacketTests
{
    [Fact]
    public void Sr_sdes_and_bye_round_trip_as_one_compound_packet()
    {
        var block = new RtcpReportBlock(0xAABBCCDD, 25, -3, 70000, 120, 0x12345678, 65536);
        RtcpPacket[] sent =
        [
            new RtcpSenderReport(42, 0x0102030405060708, 960, 10, 1600, [block]),
            new RtcpSourceDescription([new RtcpCname(42, "speaker@example")]),
            new RtcpGoodbye([42], "hangup"),
        ];

        byte[] wire = RtcpCompoundPacket.Serialize(sent);
        Assert.True(RtcpCompoundPacket.TryParse(wire, out IReadOnlyList<RtcpPacket>? parsed));

        Assert.Equal(0, wire.Length % 4);
        Assert.Equal(3, parsed.Count);
        var report = Assert.IsType<RtcpSenderReport>(parsed[0]);
        Assert.Equal((42u, 0x0102030405060708ul, 960u, 10u, 1600u), (report.Ssrc, report.NtpTimestamp, report.RtpTimestamp, report.PacketCount, report.OctetCount));
        Assert.Equal(block, Assert.Single(report.Reports));
        Assert.Equal("speaker@example", Assert.Single(Assert.IsType<RtcpSourceDescription>(parsed[1]).Chunks).Cname);
        var bye = Assert.IsType<RtcpGoodbye>(parsed[2]);
        Assert.Equal((42u, "hangup"), (Assert.Single(bye.Sources), bye.Reason));
    }

    [Fact]
    public void A_receiver_report_round_trips_and_its_header_counts_words()
    {
        var rr = new RtcpReceiverReport(7, [new RtcpReportBlock(9, 0, 0, 1, 2, 0, 0), new RtcpReportBlock(10, 255, 8_388_607, 3, 4, 5, 6)]);

        byte[] wire = rr.Serialize();
        Assert.True(RtcpCompoundPacket.TryParse(wire, out IReadOnlyList<RtcpPacket>? parsed));

        Assert.Equal([0x82, 201, 0, 13], wire[..4]);
        Assert.Equal(rr.Reports, Assert.IsType<RtcpReceiverReport>(Assert.Single(parsed)).Reports);
    }

    [Fact]
    public void Unknown_types_in_a_compound_are_skipped()
    {
        byte[] feedback = [0x81, 205, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2];
        byte[] wire = [.. new RtcpReceiverReport(7, []).Serialize(), .. feedback];

        Assert.True(RtcpCompoundPacket.TryParse(wire, out IReadOnlyList<RtcpPacket>? parsed));
        Assert.IsType<RtcpReceiverReport>(Assert.Single(parsed));
    }

    [Theory]
    [InlineData("80c9")]
    [InlineData("80c90005000000070000")] // length beyond the datagram
    [InlineData("40c9000100000007")] // version 1
    [InlineData("81c9000100000007")] // one report block announced, none present
    [InlineData("81ca000100000007")] // SDES chunk without its end
    public void Malformed_compounds_are_refused_without_throwing(string hex)
    {
        Assert.False(RtcpCompoundPacket.TryParse(Convert.FromHexString(hex), out _));
    }
}
