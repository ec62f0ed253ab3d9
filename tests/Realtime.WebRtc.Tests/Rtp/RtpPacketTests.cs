using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Rtp;

namespace Realtime.WebRtc.Tests.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void A_packet_with_csrcs_extension_and_padding_round_trips()
    {
        var packet = new RtpPacket
        {
            Marker = true,
            PayloadType = 111,
            SequenceNumber = 0xFFFE,
            Timestamp = 0xDEADBEEF,
            Ssrc = 0x01020304,
            Csrcs = [7, 8],
            Extension = new RtpHeaderExtension(0xBEDE, new byte[] { 0x10, 0x7F, 0, 0 }),
            Payload = new byte[] { 1, 2, 3 },
            PaddingLength = 4,
        };

        byte[] wire = packet.Serialize();
        Assert.True(RtpPacket.TryParse(wire, out RtpPacket? parsed));

        Assert.Equal(0xB2, wire[0]); // V=2, P, X, CC=2
        Assert.Equal(0x80 | 111, wire[1]);
        Assert.Equal(12 + 8 + 8 + 3 + 4, wire.Length);
        Assert.True(parsed.Marker);
        Assert.Equal((111, (ushort)0xFFFE, 0xDEADBEEFu, 0x01020304u), (parsed.PayloadType, parsed.SequenceNumber, parsed.Timestamp, parsed.Ssrc));
        Assert.Equal([7u, 8u], parsed.Csrcs);
        Assert.Equal(0xBEDE, parsed.Extension!.Profile);
        Assert.Equal([0x10, 0x7F, 0, 0], parsed.Extension.Data.ToArray());
        Assert.Equal([1, 2, 3], parsed.Payload.ToArray());
        Assert.Equal(4, parsed.PaddingLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("8000")]
    [InlineData("400000000000000000000000")] // version 1
    [InlineData("810000000000000000000000")] // one CSRC announced, none present
    [InlineData("900000000000000000000000BEDE0002")] // extension longer than the packet
    [InlineData("A00000000000000000000000010209")] // padding count beyond the payload
    [InlineData("A00000000000000000000000")] // padding flag, nothing to pad
    public void Truncated_or_inconsistent_packets_are_refused_without_throwing(string hex)
    {
        Assert.False(RtpPacket.TryParse(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void Out_of_range_fields_are_refused_when_serializing()
    {
        Assert.Throws<ArgumentException>(() => new RtpPacket { PayloadType = 128 }.Serialize());
        Assert.Throws<ArgumentException>(() => new RtpPacket { Extension = new RtpHeaderExtension(1, new byte[3]) }.Serialize());
    }

    [Theory]
    [InlineData(111, false)]
    [InlineData(0, false)]
    [InlineData(0x80 | 96, false)]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(206, true)]
    [InlineData(64, true)]
    [InlineData(95, true)]
    [InlineData(63, false)]
    public void Rtcp_is_told_from_rtp_by_payload_type_64_to_95(int second, bool rtcp)
    {
        Assert.Equal(rtcp, PacketClassifier.IsRtcp([0x80, (byte)second, 0, 0]));
    }

    [Fact]
    public void Stun_is_never_rtcp()
    {
        Assert.False(PacketClassifier.IsRtcp([0x00, 200, 0, 0]));
    }
}
