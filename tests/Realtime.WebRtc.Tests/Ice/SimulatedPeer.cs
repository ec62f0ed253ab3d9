using System.Net;
using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

/// <summary>An agent with its one host address, and what it received and reported.</summary>
internal sealed class SimulatedPeer
{
    public SimulatedPeer(IceAgent agent, IPEndPoint address)
    {
        Agent = agent;
        Address = address;
        agent.AddHostCandidate(address);
    }

    public IceAgent Agent { get; }
    public IPEndPoint Address { get; }
    public List<byte[]> AppReceived { get; } = [];

    /// <summary>When a STUN message last reached this peer: before a cut, every one of them proves the other side alive.</summary>
    public TimeSpan LastStunReceivedAt { get; set; }
    public List<(TimeSpan At, IceEvent Event)> Events { get; } = [];

    public IEnumerable<IceConnectionState> States => Events.Select(e => e.Event).OfType<IceStateChangedEvent>().Select(e => e.State);

    public TimeSpan? StateReachedAt(IceConnectionState state) =>
        Events.Where(e => e.Event is IceStateChangedEvent s && s.State == state).Select(e => (TimeSpan?)e.At).FirstOrDefault();
}
