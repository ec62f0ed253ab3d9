using System.Diagnostics;

namespace Realtime.Benchmarks.Captions;

/// <summary>What one viewer received: a latency per stamped update, and when the last one came.</summary>
public sealed class ViewerRecorder
{
    private readonly Lock _gate = new();
    private readonly List<long> _latencyTicks = new(1024);
    private long _lastTimestamp;

    public int Count { get { lock (_gate) return _latencyTicks.Count; } }

    public long LastTimestamp { get { lock (_gate) return _lastTimestamp; } }

    /// <summary>An update stamped <paramref name="stamp"/> (<see cref="CaptionStamp"/>) arrived at <paramref name="receivedAt"/>.</summary>
    public void Record(long stamp, long receivedAt)
    {
        lock (_gate)
        {
            _latencyTicks.Add(receivedAt - stamp);
            _lastTimestamp = receivedAt;
        }
    }

    public void CopyTo(List<double> allMs)
    {
        lock (_gate)
            foreach (var ticks in _latencyTicks) allMs.Add(ticks * 1000.0 / Stopwatch.Frequency);
    }
}
