using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;

namespace Realtime.WebRtc.Tests.Codecs;

public sealed class OpusCodecTests
{
    [Fact]
    public void A_tone_survives_encoding_and_decoding()
    {
        using var sender = new OpusCodec(111);
        using var receiver = new OpusCodec(111);
        PcmFrame decoded = PcmFrame.Silence();

        for (int frame = 0; frame < 25; frame++)
        {
            byte[] payload = sender.Encode(TestSignals.Sine(440, 0.5, frame));
            Assert.InRange(payload.Length, 1, 1275);
            decoded = receiver.Decode(payload);
        }

        Assert.Equal(("opus", (byte)111, 48000, 960u), (sender.Name, sender.PayloadType, sender.ClockRate, sender.TimestampsPerFrame));
        Assert.InRange(TestSignals.Magnitude(decoded.Samples, 440) / 32767, 0.35, 0.65);
    }

    [Fact]
    public void A_lost_frame_is_concealed_by_plc_and_rebuilt_from_the_next_packets_fec()
    {
        using var sender = new OpusCodec(111);
        using var plc = new OpusCodec(111);
        using var fec = new OpusCodec(111);
        byte[][] payloads = [.. Enumerable.Range(0, 30).Select(frame => sender.Encode(TestSignals.Sine(440, 0.5, frame)))];
        for (int frame = 0; frame < 28; frame++)
        {
            plc.Decode(payloads[frame]);
            fec.Decode(payloads[frame]);
        }

        PcmFrame concealed = plc.Conceal([]);
        PcmFrame rebuilt = fec.Conceal(payloads[29]);

        Assert.True(concealed.Level > 0.05, $"PLC level {concealed.Level}");
        Assert.True(rebuilt.Level > 0.05, $"FEC level {rebuilt.Level}");
    }
}
