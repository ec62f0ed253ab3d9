using Realtime.WebRtc.DataChannels;

namespace Realtime.WebRtc.Tests.DataChannels;

public sealed class DcepMessageTests
{
    [Fact]
    public void Open_for_oai_events_has_the_rfc8832_layout()
    {
        byte[] bytes = DcepMessage.ForChannel(new DataChannelInit(), "oai-events").Encode();

        byte[] expected = [0x03, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0x00, 0x0A, 0x00, 0x00, .. "oai-events"u8.ToArray()];
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(true, null, null, 0x00, 0u)]
    [InlineData(false, null, null, 0x80, 0u)]
    [InlineData(true, 3, null, 0x01, 3u)]
    [InlineData(false, null, 1500, 0x82, 1500u)]
    public void Channel_types_encode_ordering_and_reliability(bool ordered, int? maxRetransmits, int? lifetimeMs, int type, uint parameter)
    {
        var init = new DataChannelInit
        {
            Ordered = ordered,
            MaxRetransmits = maxRetransmits,
            MaxPacketLifeTime = lifetimeMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Protocol = "json",
        };

        DcepMessage decoded = DcepMessage.DecodeOpen(DcepMessage.ForChannel(init, "label").Encode())!;

        Assert.Equal((byte)type, decoded.ChannelType);
        Assert.Equal(parameter, decoded.Reliability);
        Assert.Equal(ordered, decoded.Ordered);
        Assert.Equal(maxRetransmits, decoded.MaxRetransmits);
        Assert.Equal(init.MaxPacketLifeTime, decoded.MaxPacketLifeTime);
        Assert.Equal("label", decoded.Label);
        Assert.Equal("json", decoded.Protocol);
    }

    [Fact]
    public void Truncated_or_foreign_messages_are_not_opens()
    {
        Assert.Null(DcepMessage.DecodeOpen([DcepMessage.Ack]));
        Assert.Null(DcepMessage.DecodeOpen([0x03, 0, 1, 0, 0, 0, 0, 0, 0, 9, 0, 0, (byte)'x']));
    }
}
