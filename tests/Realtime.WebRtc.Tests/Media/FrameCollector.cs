using System.Collections.Concurrent;
using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Media;

namespace Realtime.WebRtc.Tests.Media;

/// <summary>Keeps what a receiver played and completes once enough decoded frames arrived, so tests wait on audio, not on time.</summary>
internal sealed class FrameCollector
{
    private readonly ConcurrentQueue<RtcAudioFrame> _frames = new();
    private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _wanted;
    private int _decoded;

    public FrameCollector(RtcAudioReceiver receiver, int decodedFrames)
    {
        _wanted = decodedFrames;
        receiver.FrameReceived += Add;
    }

    public IReadOnlyList<RtcAudioFrame> Frames => [.. _frames];

    public IReadOnlyList<RtcAudioFrame> Decoded => [.. _frames.Where(f => f.Kind == PlayoutKind.Decoded)];

    public Task Enough => _enough.Task;

    private void Add(RtcAudioFrame frame)
    {
        _frames.Enqueue(frame);
        if (frame.Kind == PlayoutKind.Decoded && Interlocked.Increment(ref _decoded) >= _wanted)
        {
            _enough.TrySetResult();
        }
    }
}
