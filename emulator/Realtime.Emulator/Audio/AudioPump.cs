using System.Text.Json.Nodes;
using Realtime.Emulator.Calls;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>
/// Drives one call's audio: decoded caller frames go to the processor on the audio's own timeline (20 ms per
/// frame, counted from the first), and a 20 ms clock plays the answer into the sink. Both go through
/// <c>deliver</c>, the call's one ordered path to its data channel and sideband, so audio events and
/// data-channel events never interleave out of order.
/// </summary>
internal sealed class AudioPump : IDisposable
{
    private readonly RealtimeEventProcessor _processor;
    private readonly Action<Func<IReadOnlyList<JsonObject>>> _deliver;
    private readonly IAnswerAudioSink _sink;
    private readonly TimeProvider _time;
    private long _heardFrames;
    private long _started;
    private ITimer? _timer;

    public AudioPump(RealtimeEventProcessor processor, Action<Func<IReadOnlyList<JsonObject>>> deliver, IAnswerAudioSink sink, TimeProvider time)
    {
        _processor = processor;
        _deliver = deliver;
        _sink = sink;
        _time = time;
    }

    /// <summary>Answer frames handed to the sink so far.</summary>
    public long FramesPlayed { get; private set; }

    /// <summary>Answer frames handed over a tick or more after they were due (the clock fired late and caught up).</summary>
    public long LateFrames { get; private set; }

    /// <summary>Starts the answer clock; its first tick comes 20 ms later.</summary>
    public void Start()
    {
        _started = _time.GetTimestamp();
        _timer = _time.CreateTimer(_ => Tick(), null, PcmFrame.Duration, PcmFrame.Duration);
    }

    /// <summary>The caller's next decoded frame (concealed frames included, so the timeline has no holes).</summary>
    public void Hear(PcmFrame frame) => _deliver(() => _processor.Hear(frame, PcmFrame.Duration * _heardFrames++));

    public void Dispose() => _timer?.Dispose();

    private void Tick() => _deliver(() =>
    {
        var output = _processor.Play(_time.GetElapsedTime(_started));
        foreach (var frame in output.Frames)
        {
            _sink.Send(frame);
        }
        FramesPlayed += output.Frames.Count;
        LateFrames += Math.Max(0, output.Frames.Count - 1);
        return output.Events;
    });
}
