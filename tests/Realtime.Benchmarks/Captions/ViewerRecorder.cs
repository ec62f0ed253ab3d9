using System.Diagnostics;

namespace Realtime.Benchmarks.Captions;

/// <summary>What one viewer received: a latency per stamped update, and when the last one came.</summary>
public sealed class ViewerRecorder
{
    private readonly Lock _gate = new();
    private readonly List<double> _latencies = new(1024);
    private long _lastTimestamp;

    public int Count { get { lock (_gate) return _latencies.Count; } }

    public long LastTimestamp { get { lock (_gate) return _lastTimestamp; } }

    public void Record(string text)
    {
        if (CaptionStamp.LatencyMs(text) is not { } ms) return;
        lock (_gate)
        {
            _latencies.Add(ms);
            _lastTimestamp = Stopwatch.GetTimestamp();
        }
    }

    public void CopyTo(List<double> all)
    {
        lock (_gate) all.AddRange(_latencies);
    }
}
