using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

public sealed class PacketClassifierTests
{
    [Theory]
    [InlineData(0, PacketKind.Stun)]
    [InlineData(1, PacketKind.Stun)]
    [InlineData(3, PacketKind.Stun)]
    [InlineData(4, PacketKind.Unknown)]
    [InlineData(16, PacketKind.Zrtp)]
    [InlineData(20, PacketKind.Dtls)]
    [InlineData(22, PacketKind.Dtls)]
    [InlineData(23, PacketKind.Dtls)]
    [InlineData(63, PacketKind.Dtls)]
    [InlineData(64, PacketKind.TurnChannel)]
    [InlineData(80, PacketKind.Unknown)]
    [InlineData(127, PacketKind.Unknown)]
    [InlineData(128, PacketKind.RtpOrRtcp)]
    [InlineData(0x90, PacketKind.RtpOrRtcp)]
    [InlineData(191, PacketKind.RtpOrRtcp)]
    [InlineData(192, PacketKind.Unknown)]
    [InlineData(255, PacketKind.Unknown)]
    public void First_byte_tells_the_protocol(byte first, PacketKind kind)
    {
        Assert.Equal(kind, PacketClassifier.Classify([first, 0, 0, 0]));
    }

    [Fact]
    public void An_empty_datagram_is_unknown()
    {
        Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify([]));
    }
}
