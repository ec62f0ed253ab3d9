namespace Realtime.WebRtc.Tests.Sctp;

/// <summary>
/// An in-memory datagram network between two endpoints (0 and 1) on a fake clock: each datagram is delayed
/// by a random amount (which reorders them), dropped with probability <c>loss</c>, and delivered twice with
/// probability <c>duplication</c>. Seeded, so every run is the same.
/// </summary>
internal sealed class LossyLink(int seed, double loss = 0, double duplication = 0, double minDelayMs = 5, double maxDelayMs = 25)
{
    private readonly Random _random = new(seed);
    private readonly PriorityQueue<(int To, byte[] Data), (TimeSpan At, long Order)> _inFlight = new();
    private long _order;

    /// <summary>When set, decides per datagram (sender, bytes) whether to drop it, in addition to random loss.</summary>
    public Func<int, byte[], bool>? Filter { get; set; }

    /// <summary>When set, replaces each datagram (sender, bytes) with what the receiving end actually reads of it.</summary>
    public Func<int, byte[], byte[]>? Rewrite { get; set; }

    public int Sent { get; private set; }
    public int Dropped { get; private set; }

    public void Send(int from, byte[] datagram, TimeSpan now)
    {
        Sent++;
        if (_random.NextDouble() < loss || Filter?.Invoke(from, datagram) == true)
        {
            Dropped++;
            return;
        }
        datagram = Rewrite?.Invoke(from, datagram) ?? datagram;
        Schedule(1 - from, datagram, now);
        if (_random.NextDouble() < duplication)
        {
            Schedule(1 - from, datagram, now);
        }
    }

    public TimeSpan? NextDelivery => _inFlight.TryPeek(out _, out var key) ? key.At : null;

    public bool TryReceive(TimeSpan now, out int to, out byte[] datagram)
    {
        if (_inFlight.TryPeek(out var item, out var key) && key.At <= now)
        {
            _inFlight.Dequeue();
            (to, datagram) = item;
            return true;
        }
        (to, datagram) = (0, []);
        return false;
    }

    private void Schedule(int to, byte[] datagram, TimeSpan now)
    {
        double delay = minDelayMs + _random.NextDouble() * (maxDelayMs - minDelayMs);
        _inFlight.Enqueue((to, datagram), (now + TimeSpan.FromMilliseconds(delay), _order++));
    }
}
