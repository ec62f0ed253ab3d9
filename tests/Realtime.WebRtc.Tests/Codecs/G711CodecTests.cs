using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;

namespace Realtime.WebRtc.Tests.Codecs;

/// <summary>G.711 against the reference values of the ITU/Sun companding (as Python's audioop computes them).</summary>
public sealed class G711CodecTests
{
    [Theory]
    [InlineData(0, 0xFF, 0xD5)]
    [InlineData(1, 0xFF, 0xD5)]
    [InlineData(-1, 0x7E, 0x55)]
    [InlineData(100, 0xF2, 0xD3)]
    [InlineData(-100, 0x72, 0x53)]
    [InlineData(1000, 0xCE, 0xFA)]
    [InlineData(-1000, 0x4E, 0x7A)]
    [InlineData(5000, 0xAB, 0x86)]
    [InlineData(-5000, 0x2B, 0x06)]
    [InlineData(12345, 0x97, 0xBD)]
    [InlineData(-12345, 0x17, 0x3D)]
    [InlineData(32767, 0x80, 0xAA)]
    [InlineData(-32768, 0x00, 0x2A)]
    public void Linear_samples_compand_to_the_reference_codes(short sample, byte mu, byte a)
    {
        Assert.Equal(mu, G711Companding.LinearToMuLaw(sample));
        Assert.Equal(a, G711Companding.LinearToALaw(sample));
    }

    [Theory]
    [InlineData(0x00, -32124, -5504)]
    [InlineData(0x0F, -16764, -6784)]
    [InlineData(0x7F, 0, -848)]
    [InlineData(0x80, 32124, 5504)]
    [InlineData(0x9A, 10876, 4032)]
    [InlineData(0xFF, 0, 848)]
    [InlineData(0xD5, 716, 8)]
    [InlineData(0x55, -716, -8)]
    [InlineData(0xAA, 5372, 32256)]
    public void Codes_expand_to_the_reference_samples(byte code, short mu, short a)
    {
        Assert.Equal(mu, G711Companding.MuLawToLinear(code));
        Assert.Equal(a, G711Companding.ALawToLinear(code));
    }

    [Fact]
    public void Every_code_survives_expanding_and_companding_again()
    {
        for (int code = 0; code < 256; code++)
        {
            short mu = G711Companding.MuLawToLinear((byte)code);
            short a = G711Companding.ALawToLinear((byte)code);
            Assert.Equal(mu, G711Companding.MuLawToLinear(G711Companding.LinearToMuLaw(mu)));
            Assert.Equal(a, G711Companding.ALawToLinear(G711Companding.LinearToALaw(a)));
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw, "PCMU")]
    [InlineData(G711Law.ALaw, "PCMA")]
    public void A_tone_round_trips_through_8_khz_with_its_frequency_intact(G711Law law, string name)
    {
        using var codec = new G711Codec(law, 96);
        PcmFrame decoded = PcmFrame.Silence();

        for (int frame = 0; frame < 5; frame++)
        {
            byte[] payload = codec.Encode(TestSignals.Sine(440, 0.5, frame));
            Assert.Equal(160, payload.Length);
            decoded = codec.Decode(payload);
        }

        Assert.Equal((name, (byte)96, 8000, 160u), (codec.Name, codec.PayloadType, codec.ClockRate, codec.TimestampsPerFrame));
        Assert.InRange(TestSignals.Magnitude(decoded.Samples, 440) / 32767, 0.45, 0.55);
    }

    [Fact]
    public void Concealment_repeats_the_last_frame_fading_out()
    {
        using var codec = new G711Codec(G711Law.MuLaw, 0);
        PcmFrame last = codec.Decode(codec.Encode(TestSignals.Sine(440, 0.5, 0)));

        PcmFrame first = codec.Conceal([]);
        PcmFrame second = codec.Conceal([]);

        Assert.Equal(last.Level / 2, first.Level, 2);
        Assert.Equal(last.Level / 4, second.Level, 2);
    }
}
