using Realtime.WebRtc.Rtp;

namespace Realtime.WebRtc.Tests.Jitter;

/// <summary>A seeded one-way link on a fake clock: drops a share of packets and delays each by a random amount, which reorders them.</summary>
internal sealed class LossyAudioLink(int seed, double lossRate, TimeSpan baseDelay, TimeSpan jitter)
{
    private readonly Random _random = new(seed);
    private readonly List<(TimeSpan Due, long Order, RtpPacket Packet)> _inFlight = [];
    private long _sent;
    private long _lastDelivered = -1;

    public int Lost { get; private set; }
    public int Reordered { get; private set; }

    public void Send(RtpPacket packet, TimeSpan now)
    {
        long order = _sent++;
        if (_random.NextDouble() < lossRate)
        {
            Lost++;
            return;
        }
        _inFlight.Add((now + baseDelay + jitter * _random.NextDouble(), order, packet));
    }

    /// <summary>Packets due by <paramref name="now"/>, in arrival order.</summary>
    public IEnumerable<RtpPacket> Deliver(TimeSpan now)
    {
        var due = _inFlight.Where(p => p.Due <= now).OrderBy(p => p.Due).ToList();
        _inFlight.RemoveAll(p => p.Due <= now);
        foreach (var (_, order, packet) in due)
        {
            Reordered += order < _lastDelivered ? 1 : 0;
            _lastDelivered = Math.Max(_lastDelivered, order);
            yield return packet;
        }
    }
}
