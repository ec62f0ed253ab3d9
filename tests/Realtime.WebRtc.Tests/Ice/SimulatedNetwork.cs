using System.Net;

namespace Realtime.WebRtc.Tests.Ice;

/// <summary>An in-memory datagram network with latency, loss, duplication and reordering, driven by a fake clock.</summary>
internal sealed class SimulatedNetwork(int seed)
{
    private readonly PriorityQueue<SimulatedPacket, (TimeSpan, long)> _inFlight = new();
    private long _sequence;

    public Random Random { get; } = new(seed);
    public double LossRate { get; set; }
    public double DuplicateRate { get; set; }
    public double ReorderRate { get; set; }
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Extra delay given to a reordered packet, so later packets overtake it.</summary>
    public TimeSpan ReorderDelay { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Return false to drop a packet (a cable cut, a one-way block).</summary>
    public Func<SimulatedPacket, bool> Admit { get; set; } = _ => true;

    /// <summary>Everything handed to the network, before loss.</summary>
    public List<SimulatedPacket> Sent { get; } = [];

    public TimeSpan? NextDelivery => _inFlight.TryPeek(out SimulatedPacket? packet, out _) ? packet.DeliverAt : null;

    public void Submit(TimeSpan now, IPEndPoint from, IPEndPoint to, byte[] payload)
    {
        var packet = new SimulatedPacket(now, from, to, payload);
        Sent.Add(packet);
        if (!Admit(packet) || Random.NextDouble() < LossRate)
        {
            return;
        }
        Enqueue(packet, now);
        if (Random.NextDouble() < DuplicateRate)
        {
            Enqueue(packet, now);
        }
    }

    public bool TryDeliver(TimeSpan now, out SimulatedPacket packet)
    {
        if (_inFlight.TryPeek(out SimulatedPacket? next, out _) && next.DeliverAt <= now)
        {
            packet = _inFlight.Dequeue();
            return true;
        }
        packet = null!;
        return false;
    }

    private void Enqueue(SimulatedPacket packet, TimeSpan now)
    {
        TimeSpan delay = Latency + (Random.NextDouble() < ReorderRate ? ReorderDelay * Random.NextDouble() : TimeSpan.Zero);
        SimulatedPacket scheduled = packet with { DeliverAt = now + delay };
        _inFlight.Enqueue(scheduled, (scheduled.DeliverAt, _sequence++));
    }
}
