using Realtime.WebRtc.Audio;

namespace Realtime.WebRtc.Codecs;

/// <summary>
/// G.711 PCMU or PCMA at 8 kHz (RFC 3551 §4.5.14): 160 codes per 20 ms. Frames are 48 kHz, so the encoder
/// averages each six samples (a crude low-pass that keeps speech intelligible) and the decoder interpolates
/// back. G.711 has no concealment of its own: a lost frame repeats the last one, halving in level each time.
/// </summary>
public sealed class G711Codec : IAudioCodec
{
    private const int Rate = 8_000;
    private const int Ratio = PcmFrame.SampleRate / Rate;
    private const int CodesPerFrame = PcmFrame.SamplesPerFrame / Ratio;
    private readonly G711Law _law;
    private PcmFrame _last = PcmFrame.Silence();
    private short _previousSample;
    private double _concealGain = 1;

    public G711Codec(G711Law law, byte payloadType)
    {
        _law = law;
        PayloadType = payloadType;
    }

    public string Name => _law == G711Law.MuLaw ? "PCMU" : "PCMA";
    public byte PayloadType { get; }
    public int ClockRate => Rate;
    public uint TimestampsPerFrame => CodesPerFrame;

    public byte[] Encode(PcmFrame frame)
    {
        ReadOnlySpan<short> samples = frame.Samples;
        var codes = new byte[CodesPerFrame];
        for (int i = 0; i < CodesPerFrame; i++)
        {
            int sum = 0;
            foreach (short sample in samples.Slice(i * Ratio, Ratio))
            {
                sum += sample;
            }
            short average = (short)(sum / Ratio);
            codes[i] = _law == G711Law.MuLaw ? G711Companding.LinearToMuLaw(average) : G711Companding.LinearToALaw(average);
        }
        return codes;
    }

    /// <summary>Decodes up to 160 codes (a shorter payload leaves the rest of the frame silent).</summary>
    public PcmFrame Decode(ReadOnlySpan<byte> payload)
    {
        var samples = new short[PcmFrame.SamplesPerFrame];
        for (int i = 0; i < Math.Min(payload.Length, CodesPerFrame); i++)
        {
            short current = _law == G711Law.MuLaw ? G711Companding.MuLawToLinear(payload[i]) : G711Companding.ALawToLinear(payload[i]);
            for (int step = 0; step < Ratio; step++)
            {
                samples[i * Ratio + step] = (short)(_previousSample + (current - _previousSample) * (step + 1) / Ratio);
            }
            _previousSample = current;
        }
        (_last, _concealGain) = (new PcmFrame(samples), 1);
        return _last;
    }

    public PcmFrame Conceal(ReadOnlySpan<byte> nextPayload)
    {
        _concealGain /= 2;
        return _last.Scaled(_concealGain);
    }

    public void Dispose()
    {
    }
}
