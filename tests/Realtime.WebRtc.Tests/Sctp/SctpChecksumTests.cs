using Realtime.WebRtc.Sctp;

namespace Realtime.WebRtc.Tests.Sctp;

public sealed class SctpChecksumTests
{
    // RFC 3720 Appendix B.4 CRC examples (the RFC prints the bytes as sent, i.e. the value little-endian), plus the classic "123456789" check value of CRC-32C.
    [Theory]
    [InlineData("zeros", 0x8A9136AAu)]
    [InlineData("ones", 0x62A8AB43u)]
    [InlineData("ascending", 0x46DD794Eu)]
    [InlineData("descending", 0x113FDB5Cu)]
    public void Matches_rfc3720_vectors(string pattern, uint expected)
    {
        byte[] data = pattern switch
        {
            "zeros" => new byte[32],
            "ones" => Enumerable.Repeat((byte)0xFF, 32).ToArray(),
            "ascending" => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            _ => Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(),
        };

        Assert.Equal(expected, SctpChecksum.Compute(data));
    }

    [Fact]
    public void Matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, SctpChecksum.Compute("123456789"u8));
    }

    [Fact]
    public void Matches_the_rfc3720_iscsi_read_pdu()
    {
        // RFC 3720 B.4: a 48-byte iSCSI Read (10) command PDU.
        byte[] pdu = new byte[48];
        pdu[0] = 0x01;
        pdu[1] = 0xC0;
        pdu[16] = 0x14;
        pdu[22] = 0x04;
        pdu[27] = 0x14;
        pdu[31] = 0x18;
        pdu[32] = 0x28;
        pdu[40] = 0x02;

        Assert.Equal(0xD9963A56u, SctpChecksum.Compute(pdu));
    }

    [Fact]
    public void Packets_carry_the_checksum_little_endian_and_reject_corruption()
    {
        var packet = new SctpPacket(5000, 5000, 0x01020304, [new SignalChunk(SctpChunkType.CookieAck)]);
        byte[] bytes = packet.Encode();
        var zeroed = (byte[])bytes.Clone();
        Array.Clear(zeroed, 8, 4);
        uint crc = SctpChecksum.Compute(zeroed);

        Assert.Equal(BitConverter.GetBytes(crc), bytes[8..12]); // Little-endian host: same byte order.
        Assert.True(SctpChecksum.Verify(bytes));
        bytes[^1] ^= 0x01;
        Assert.False(SctpChecksum.Verify(bytes));
        Assert.Throws<SctpFormatException>(() => SctpPacket.Decode(bytes));
    }
}
