using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Srtp;

namespace Realtime.WebRtc.Tests.Srtp;

/// <summary>The published vectors: RFC 3711 Appendix B.2 and B.3, RFC 7714 §16.1 and §17.1/§17.3.</summary>
public sealed class SrtpVectorTests
{
    private static readonly byte[] GcmKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] GcmSalt = Convert.FromHexString("517569642070726f2071756f");

    [Fact]
    public void Aes_cm_keystream_matches_rfc3711_b2()
    {
        using var keystream = new AesCounterKeystream(Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] iv = Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

        byte[] stream = keystream.Generate(iv, 0xFF02 * 16);

        Assert.Equal("E03EAD0935C95E80E166B16DD92B4EB4", Block(stream, 0));
        Assert.Equal("D23513162B02D0F72A43A2FE4A5F97AB", Block(stream, 1));
        Assert.Equal("41E95B3BB0A2E8DD477901E4FCA894C0", Block(stream, 2));
        Assert.Equal("EC8CDF7398607CB0F2D21675EA9EA1E4", Block(stream, 0xFEFF));
        Assert.Equal("362B7C3C6773516318A077D7FC5073AE", Block(stream, 0xFF00));
        Assert.Equal("6A2CC3787889374FBEB4C81B17BA6C44", Block(stream, 0xFF01));
    }

    [Fact]
    public void Session_keys_match_rfc3711_b3()
    {
        byte[] masterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");

        SrtpSessionKeys keys = SrtpSessionKeys.Derive(SrtpProfile.Aes128CmHmacSha1_80, masterKey, masterSalt, rtcp: false);

        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Convert.ToHexString(keys.EncryptionKey));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Convert.ToHexString(keys.Salt));
        Assert.Equal("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4", Convert.ToHexString(keys.AuthenticationKey));
    }

    [Fact]
    public void Gcm_rtp_encryption_matches_rfc7714_16_1()
    {
        byte[] plain = Convert.FromHexString("8040f17b8041f8d35501a0b247616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573");
        const string expected = "8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce";
        using var sender = GcmContext();
        using var receiver = GcmContext();

        byte[] protectedPacket = sender.ProtectRtp(plain);
        SrtpResult opened = receiver.UnprotectRtp(protectedPacket);

        Assert.Equal(expected, Convert.ToHexString(protectedPacket), ignoreCase: true);
        Assert.True(opened.IsAccepted);
        Assert.Equal(plain, opened.Packet);
    }

    [Fact]
    public void Gcm_rtcp_encryption_matches_rfc7714_17_1()
    {
        byte[] plain = Convert.FromHexString("81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
        const string expected = "81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4";
        using var sender = GcmContext();
        using var receiver = GcmContext();

        byte[] protectedPacket = sender.ProtectRtcp(plain, 0x5d4);
        SrtpResult opened = receiver.UnprotectRtcp(protectedPacket);

        Assert.Equal(expected, Convert.ToHexString(protectedPacket), ignoreCase: true);
        Assert.Equal(plain, opened.Packet);
    }

    [Fact]
    public void Gcm_rtcp_tagged_but_not_encrypted_verifies_as_rfc7714_17_3()
    {
        const string plain = "81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
        byte[] tagged = Convert.FromHexString(plain + "841dd9683dd78ec92ae58790125f62b3000005d4");
        using var receiver = GcmContext();

        SrtpResult opened = receiver.UnprotectRtcp(tagged);

        Assert.Equal(plain, Convert.ToHexString(opened.Packet!), ignoreCase: true);
    }

    // RFC 7714's vectors give the session key and salt, not a master key: build the context on them directly.
    private static SrtpContext GcmContext() => new(new AesGcmCipher(new SrtpSessionKeys(GcmKey, [], GcmSalt), new SrtpSessionKeys(GcmKey, [], GcmSalt)));

    private static string Block(byte[] stream, int block) => Convert.ToHexString(stream, block * 16, 16);
}
