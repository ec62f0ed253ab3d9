using Concentus;
using Concentus.Enums;
using Realtime.WebRtc.Audio;

namespace Realtime.WebRtc.Codecs;

/// <summary>
/// Opus (RFC 7587) through Concentus, which loads native libopus when it is installed and otherwise runs
/// its managed port. Sends 48 kHz mono with in-band FEC on, so a receiver can rebuild a lost frame from the
/// next packet; decodes whatever the peer sends (stereo is downmixed) and conceals with Opus' own PLC.
/// </summary>
public sealed class OpusCodec : IAudioCodec
{
    // Room for the longest Opus packet, 120 ms at 48 kHz, although WebRTC peers send 20 ms.
    private const int MaxDecodedSamples = 5760;
    private const int MaxPacketBytes = 1275;
    private readonly IOpusEncoder _encoder;
    private readonly IOpusDecoder _decoder;

    public OpusCodec(byte payloadType, int bitrate = 32_000)
    {
        PayloadType = payloadType;
        _encoder = OpusCodecFactory.CreateEncoder(PcmFrame.SampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        _encoder.Bitrate = bitrate;
        _encoder.UseInbandFEC = true;
        _encoder.PacketLossPercent = 10;
        _decoder = OpusCodecFactory.CreateDecoder(PcmFrame.SampleRate, 1);
    }

    public string Name => "opus";
    public byte PayloadType { get; }

    /// <summary>Opus' RTP clock is always 48 kHz, whatever the audio bandwidth (RFC 7587 §4.1).</summary>
    public int ClockRate => PcmFrame.SampleRate;

    public uint TimestampsPerFrame => PcmFrame.SamplesPerFrame;

    public byte[] Encode(PcmFrame frame)
    {
        var packet = new byte[MaxPacketBytes];
        int length = _encoder.Encode(frame.Samples, PcmFrame.SamplesPerFrame, packet, packet.Length);
        return packet[..length];
    }

    /// <summary>Decodes one packet; a packet longer than 20 ms keeps its first 20 ms (WebRTC peers send 20 ms).</summary>
    public PcmFrame Decode(ReadOnlySpan<byte> payload) => Run(payload, fec: false);

    public PcmFrame Conceal(ReadOnlySpan<byte> nextPayload) => Run(nextPayload, fec: !nextPayload.IsEmpty);

    public void Dispose()
    {
        (_encoder as IDisposable)?.Dispose();
        (_decoder as IDisposable)?.Dispose();
    }

    private PcmFrame Run(ReadOnlySpan<byte> payload, bool fec)
    {
        var decoded = new short[MaxDecodedSamples];
        // With FEC (or PLC on an empty payload) the frame size says how much audio to rebuild.
        int frameSize = payload.IsEmpty || fec ? PcmFrame.SamplesPerFrame : MaxDecodedSamples;
        int samples = _decoder.Decode(payload, decoded, frameSize, fec);
        var frame = new short[PcmFrame.SamplesPerFrame];
        decoded.AsSpan(0, Math.Min(samples, PcmFrame.SamplesPerFrame)).CopyTo(frame);
        return new PcmFrame(frame);
    }
}
