using System.Net;
using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

/// <summary>
/// Two agents joined by a <see cref="SimulatedNetwork"/>; time only moves when the next agent timeout or packet
/// delivery is due, so a simulated minute takes milliseconds.
/// </summary>
internal sealed class IceSimulation
{
    public IceSimulation(IceAgentOptions a, IceAgentOptions b, int seed = 1, bool signalAToB = true)
    {
        Network = new SimulatedNetwork(seed);
        A = new SimulatedPeer(new IceAgent(a with { Random = a.Random ?? new Random(seed * 31 + 1) }), Endpoint("10.0.0.1", 50001));
        B = new SimulatedPeer(new IceAgent(b with { Random = b.Random ?? new Random(seed * 31 + 2) }), Endpoint("10.0.0.2", 50002));
        Signal(B, A);
        if (signalAToB)
        {
            Signal(A, B);
        }
        else
        {
            B.Agent.SetRemoteCredentials(A.Agent.LocalCredentials);
        }
    }

    public TimeSpan Now { get; private set; }
    public SimulatedNetwork Network { get; }
    public SimulatedPeer A { get; }
    public SimulatedPeer B { get; }

    public bool BothConnected =>
        A.Agent.State == IceConnectionState.Connected && B.Agent.State == IceConnectionState.Connected;

    public static IPEndPoint Endpoint(string address, int port) => new(IPAddress.Parse(address), port);

    /// <summary>Sends application data the way a DTLS layer would: over the sender's active pair.</summary>
    public bool SendApp(SimulatedPeer from, byte[] payload)
    {
        if (from.Agent.ActivePair is not { } pair)
        {
            return false;
        }
        Network.Submit(Now, pair.Local.EndPoint!, pair.Remote.EndPoint!, payload);
        return true;
    }

    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        TimeSpan end = Now + limit;
        int idleSteps = 0;
        while (!done() && Now < end)
        {
            TimeSpan before = Now;
            Step(end);
            idleSteps = Now == before ? idleSteps + 1 : 0;
            if (idleSteps > 10_000)
            {
                throw new InvalidOperationException($"time stopped at {Now}: an agent keeps asking for a timeout in the past");
            }
        }
        return done();
    }

    public void RunFor(TimeSpan duration) => RunUntil(() => false, duration);

    private void Step(TimeSpan end)
    {
        Flush(A);
        Flush(B);
        TimeSpan next = Min(Min(A.Agent.PollTimeout(), B.Agent.PollTimeout()), Network.NextDelivery) ?? end;
        Now = next < Now ? Now : next > end ? end : next;
        while (Network.TryDeliver(Now, out SimulatedPacket packet))
        {
            Deliver(packet);
        }
        foreach (SimulatedPeer peer in new[] { A, B })
        {
            if (peer.Agent.PollTimeout() <= Now)
            {
                peer.Agent.HandleTimeout(Now);
            }
        }
        Flush(A);
        Flush(B);
    }

    private void Deliver(SimulatedPacket packet)
    {
        SimulatedPeer? peer = packet.To.Equals(A.Address) ? A : packet.To.Equals(B.Address) ? B : null;
        if (peer is null)
        {
            return;
        }
        if (peer.Agent.HandleReceive(Now, packet.To, packet.From, packet.Payload))
        {
            peer.LastStunReceivedAt = Now;
        }
        else
        {
            peer.AppReceived.Add(packet.Payload);
        }
    }

    private void Flush(SimulatedPeer peer)
    {
        while (peer.Agent.TryPollTransmit(out IceTransmit transmit))
        {
            Network.Submit(Now, transmit.Source, transmit.Destination, transmit.Payload);
        }
        while (peer.Agent.TryPollEvent(out IceEvent? iceEvent))
        {
            peer.Events.Add((Now, iceEvent));
        }
    }

    private static void Signal(SimulatedPeer from, SimulatedPeer to)
    {
        to.Agent.SetRemoteCredentials(from.Agent.LocalCredentials);
        foreach (IceCandidate candidate in from.Agent.LocalCandidates)
        {
            to.Agent.AddRemoteCandidate(candidate);
        }
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
