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
    private static readonly TimeSpan LateTick = PcmFrame.Duration * 1.5;

    private long _started;
    private TimeSpan _lastTick;
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

    /// <summary>
    /// Answer frames that waited for a late tick (one more than 30 ms after the previous) and went out in its
    /// catch-up: what a loaded process costs the listener. A timer's ordinary drift, which now and then releases two
    /// frames on time, is not counted.
    /// </summary>
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
        var now = _time.GetElapsedTime(_started);
        var late = now - _lastTick > LateTick;
        _lastTick = now;
        var output = _processor.Play(now);
        foreach (var frame in output.Frames)
        {
            _sink.Send(frame);
        }
        FramesPlayed += output.Frames.Count;
        LateFrames += late ? Math.Max(0, output.Frames.Count - 1) : 0;
        return output.Events;
    });
}
