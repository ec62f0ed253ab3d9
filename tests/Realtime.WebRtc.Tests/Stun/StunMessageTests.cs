using System.Net;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Tests.Stun;

public sealed class StunMessageTests
{
    private static readonly StunTransactionId Id = StunTransactionId.NewRandom(new Random(7));

    [Fact]
    public void An_ice_check_round_trips_every_attribute()
    {
        byte[] bytes = new StunMessageBuilder(StunMessageType.BindingRequest, Id)
            .AddUsername("remote:local").AddPriority(1853824767).AddUseCandidate().AddIceControlling(0x0123456789abcdef)
            .Build("the-remote-password-123");

        StunMessage message = StunMessage.Parse(bytes);

        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.Equal(Id, message.TransactionId);
        Assert.Equal("remote:local", message.Username);
        Assert.Equal(1853824767u, message.Priority);
        Assert.True(message.UseCandidate);
        Assert.Equal(0x0123456789abcdeful, message.IceControlling);
        Assert.True(message.VerifyIntegrity("the-remote-password-123"));
        Assert.Empty(message.UnknownComprehensionRequired);
    }

    [Fact]
    public void Role_conflict_error_round_trips()
    {
        byte[] bytes = new StunMessageBuilder(StunMessageType.BindingError, Id)
            .AddErrorCode(StunErrorCode.RoleConflict).Build("pw");

        StunMessage message = StunMessage.Parse(bytes);

        Assert.Equal(StunClass.ErrorResponse, message.Type.Class);
        Assert.Equal(487, message.ErrorCode!.Value.Code);
        Assert.Equal("Role Conflict", message.ErrorCode!.Value.Reason);
    }

    [Theory]
    [InlineData("127.0.0.1", 1)]
    [InlineData("10.1.2.3", 65535)]
    [InlineData("::1", 5000)]
    [InlineData("fe80::1234:5678", 40000)]
    public void Xor_mapped_address_round_trips(string address, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(address), port);
        byte[] bytes = new StunMessageBuilder(StunMessageType.BindingSuccess, Id).AddXorMappedAddress(endPoint).Build();

        Assert.Equal(endPoint, StunMessage.Parse(bytes).XorMappedAddress);
    }

    [Fact]
    public void Message_type_interleaves_class_bits()
    {
        Assert.Equal(0x0001, StunMessageType.BindingRequest.ToWire());
        Assert.Equal(0x0101, StunMessageType.BindingSuccess.ToWire());
        Assert.Equal(0x0111, StunMessageType.BindingError.ToWire());
        Assert.Equal(0x0011, StunMessageType.BindingIndication.ToWire());
        Assert.Equal(StunMessageType.BindingError, StunMessageType.FromWire(0x0111));
    }

    [Fact]
    public void Unknown_comprehension_required_attributes_are_reported_and_optional_ones_are_not()
    {
        byte[] bytes = new StunMessageBuilder(StunMessageType.BindingRequest, Id)
            .AddAttribute(0x7777, [1, 2, 3]).AddAttribute(0xC057, [0, 1, 0, 0]).AddUsername("a:b").Build("pw");

        StunMessage message = StunMessage.Parse(bytes);

        Assert.Equal([(ushort)0x7777], message.UnknownComprehensionRequired);
        Assert.Equal(new byte[] { 1, 2, 3 }, message.Find(0x7777)!.Value.ToArray());
        Assert.True(message.VerifyIntegrity("pw"));
    }

    [Fact]
    public void Attributes_after_message_integrity_are_ignored()
    {
        // Hand-append a USERNAME after MI (no fingerprint): it is not covered by the MAC, so it must not be seen.
        byte[] signed = new StunMessageBuilder(StunMessageType.BindingRequest, Id).AddPriority(5).Build("pw", fingerprint: false);
        byte[] extra = new StunMessageBuilder(StunMessageType.BindingRequest, Id).AddUsername("evil").Build(fingerprint: false);
        byte[] combined = [.. signed, .. extra[20..]];
        combined[3] = (byte)(combined.Length - 20);

        StunMessage message = StunMessage.Parse(combined);

        Assert.Null(message.Username);
        Assert.True(message.VerifyIntegrity("pw"));
    }

    [Theory]
    [InlineData("00010000", "shorter than a STUN header")]
    [InlineData("c0010000" + "2112a442" + "000000000000000000000000", "top two bits")]
    [InlineData("00010000" + "2112a443" + "000000000000000000000000", "magic cookie")]
    [InlineData("00010008" + "2112a442" + "000000000000000000000000", "length field")]
    [InlineData("00010008" + "2112a442" + "000000000000000000000000" + "00240008" + "00000000", "overruns")]
    [InlineData("00010008" + "2112a442" + "000000000000000000000000" + "00240002" + "00000000", "malformed value")]
    public void Malformed_messages_are_rejected_with_a_reason(string hex, string reason)
    {
        var error = Assert.Throws<StunParseException>(() => StunMessage.Parse(Convert.FromHexString(hex)));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_wrong_fingerprint_is_rejected()
    {
        byte[] bytes = new StunMessageBuilder(StunMessageType.BindingRequest, Id).AddPriority(1).Build();
        bytes[^1] ^= 0xFF;

        var error = Assert.Throws<StunParseException>(() => StunMessage.Parse(bytes));
        Assert.Contains("FINGERPRINT", error.Message);
    }

    [Fact]
    public void Crc32_matches_the_ieee_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void IsStun_separates_stun_from_dtls_and_rtp()
    {
        byte[] stun = new StunMessageBuilder(StunMessageType.BindingRequest, Id).Build();
        byte[] dtls = [22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.True(StunMessage.IsStun(stun));
        Assert.False(StunMessage.IsStun(dtls));
    }
}
