using System.Diagnostics;
using Realtime.WebRtc.Audio;
using Realtime.WebRtc.Codecs;

namespace Realtime.Benchmarks.WebRtc;

/// <summary>
/// A codec's real-time factor: seconds of audio encoded (or decoded) per second of this thread's CPU, on a tone, one
/// 20 ms frame at a time as a call does.
/// </summary>
public static class AudioCodecTiming
{
    public static (double Encode, double Decode) RealTimeFactors(Func<IAudioCodec> create, TimeSpan audio)
    {
        int frames = (int)(audio / PcmFrame.Duration);
        var tone = new ToneSource(440, 0.5);
        var input = new PcmFrame[frames];
        for (int i = 0; i < frames; i++)
        {
            tone.TryReadFrame(out input[i]!);
        }
        using var encoder = create();
        using var decoder = create();
        var payloads = new byte[frames][];
        TimeSpan encodeCpu = CpuTime(() =>
        {
            for (int i = 0; i < frames; i++) payloads[i] = encoder.Encode(input[i]);
        });
        TimeSpan decodeCpu = CpuTime(() =>
        {
            foreach (byte[] payload in payloads) decoder.Decode(payload);
        });
        return (audio / encodeCpu, audio / decodeCpu);
    }

    private static TimeSpan CpuTime(Action work)
    {
        var process = Process.GetCurrentProcess();
        TimeSpan before = process.TotalProcessorTime;
        work();
        process.Refresh();
        return process.TotalProcessorTime - before;
    }
}
