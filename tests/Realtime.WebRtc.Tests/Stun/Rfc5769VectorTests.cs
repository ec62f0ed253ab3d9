using System.Net;
using System.Text;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Tests.Stun;

public sealed class Rfc5769VectorTests
{
    private static readonly StunTransactionId VectorId = StunTransactionId.Read(Rfc5769Vectors.TransactionId);

    [Fact]
    public void Sample_request_decodes_with_valid_integrity_and_fingerprint()
    {
        StunMessage message = StunMessage.Parse(Rfc5769Vectors.Request);

        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.Equal(VectorId, message.TransactionId);
        Assert.Equal("evtj:h6vY", message.Username);
        Assert.Equal(0x6e0001ffu, message.Priority);
        Assert.Equal(0x932ff9b151263b36ul, message.IceControlled);
        Assert.Null(message.IceControlling);
        Assert.True(message.HasFingerprint);
        Assert.True(message.VerifyIntegrity(Rfc5769Vectors.Password));
    }

    [Fact]
    public void IPv4_response_decodes_mapped_address_and_checks_out()
    {
        StunMessage message = StunMessage.Parse(Rfc5769Vectors.IPv4Response);

        Assert.Equal(StunMessageType.BindingSuccess, message.Type);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), message.XorMappedAddress);
        Assert.True(message.HasFingerprint);
        Assert.True(message.VerifyIntegrity(Rfc5769Vectors.Password));
    }

    [Fact]
    public void IPv6_response_decodes_mapped_address_and_checks_out()
    {
        StunMessage message = StunMessage.Parse(Rfc5769Vectors.IPv6Response);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), message.XorMappedAddress);
        Assert.True(message.HasFingerprint);
        Assert.True(message.VerifyIntegrity(Rfc5769Vectors.Password));
    }

    [Fact]
    public void Encoding_the_sample_request_reproduces_it_byte_for_byte()
    {
        var builder = new StunMessageBuilder(StunMessageType.BindingRequest, VectorId) { PaddingByte = 0x20 };
        builder.AddSoftware("STUN test client").AddPriority(0x6e0001ff).AddIceControlled(0x932ff9b151263b36).AddUsername("evtj:h6vY");

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.Request), Convert.ToHexString(builder.Build(Rfc5769Vectors.Password)));
    }

    [Theory]
    [InlineData("192.0.2.1", true)]
    [InlineData("2001:db8:1234:5678:11:2233:4455:6677", false)]
    public void Encoding_the_sample_responses_reproduces_them_byte_for_byte(string address, bool v4)
    {
        var builder = new StunMessageBuilder(StunMessageType.BindingSuccess, VectorId) { PaddingByte = 0x20 };
        builder.AddSoftware("test vector").AddXorMappedAddress(new IPEndPoint(IPAddress.Parse(address), 32853));

        byte[] expected = v4 ? Rfc5769Vectors.IPv4Response : Rfc5769Vectors.IPv6Response;
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(builder.Build(Rfc5769Vectors.Password)));
    }

    [Fact]
    public void Wrong_password_fails_integrity()
    {
        StunMessage message = StunMessage.Parse(Rfc5769Vectors.Request);

        Assert.False(message.VerifyIntegrity("VOkJxbRl1RmTxUk/WvJxBu"));
        Assert.False(message.VerifyIntegrity(Encoding.UTF8.GetBytes("")));
    }

    [Fact]
    public void A_flipped_bit_anywhere_before_the_fingerprint_is_rejected()
    {
        for (int i = 20; i < Rfc5769Vectors.Request.Length - 8; i++)
        {
            byte[] tampered = (byte[])Rfc5769Vectors.Request.Clone();
            tampered[i] ^= 0x01;

            Assert.False(StunMessage.TryParse(tampered, out _), $"byte {i}");
        }
    }

    [Fact]
    public void Tampered_content_without_fingerprint_fails_integrity()
    {
        // Drop FINGERPRINT (last 8 bytes) and fix the length, then change the username: only MI can catch it.
        byte[] withoutFingerprint = Rfc5769Vectors.Request[..^8];
        withoutFingerprint[3] -= 8;
        StunMessage intact = StunMessage.Parse(withoutFingerprint);
        withoutFingerprint[66] ^= 0x01; // "evtj:h6vY" starts at offset 64
        StunMessage tampered = StunMessage.Parse(withoutFingerprint);

        Assert.True(intact.VerifyIntegrity(Rfc5769Vectors.Password));
        Assert.False(tampered.HasFingerprint);
        Assert.False(tampered.VerifyIntegrity(Rfc5769Vectors.Password));
    }
}
