using System.Buffers.Binary;
using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;

namespace Realtime.WebRtc.Tests.Jitter;

/// <summary>
/// A codec whose payload is the frame number and whose frames repeat it in every sample, so a test can
/// read exactly which frame played; concealment plays -1, or -2 when it was handed the next payload.
/// </summary>
internal sealed class IndexCodec : IAudioCodec
{
    public string Name => "index";
    public byte PayloadType => 100;
    public int ClockRate => PcmFrame.SampleRate;
    public uint TimestampsPerFrame => PcmFrame.SamplesPerFrame;

    public static byte[] Payload(short index)
    {
        var payload = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(payload, index);
        return payload;
    }

    public static short IndexOf(PcmFrame frame) => frame.Samples[0];

    public byte[] Encode(PcmFrame frame) => Payload(IndexOf(frame));

    public PcmFrame Decode(ReadOnlySpan<byte> payload) => Filled(BinaryPrimitives.ReadInt16BigEndian(payload));

    public PcmFrame Conceal(ReadOnlySpan<byte> nextPayload) => Filled(nextPayload.IsEmpty ? (short)-1 : (short)-2);

    public void Dispose()
    {
    }

    private static PcmFrame Filled(short value)
    {
        var samples = new short[PcmFrame.SamplesPerFrame];
        Array.Fill(samples, value);
        return new PcmFrame(samples);
    }
}
