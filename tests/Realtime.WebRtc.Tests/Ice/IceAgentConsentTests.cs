using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Tests.Ice;

public sealed class IceAgentConsentTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Thirty_seconds_of_silence_fail_both_sides_and_the_failed_side_stops_sending(bool lite)
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, lite ? IceTestOptions.Lite : IceTestOptions.Controlled);
        sim.RunUntil(() => sim.BothConnected, 5 * Second);
        sim.RunFor(7 * Second);
        sim.Network.Admit = _ => false; // the cable is cut

        sim.RunUntil(() => sim.A.Agent.State == IceConnectionState.Failed && sim.B.Agent.State == IceConnectionState.Failed, 60 * Second);

        foreach (SimulatedPeer peer in new[] { sim.A, sim.B })
        {
            Assert.Equal([IceConnectionState.Checking, IceConnectionState.Connected, IceConnectionState.Disconnected, IceConnectionState.Failed], peer.States);
            TimeSpan lastLife = peer.LastStunReceivedAt;
            Assert.InRange((peer.StateReachedAt(IceConnectionState.Disconnected)!.Value - lastLife).TotalSeconds, 10, 10.01);
            Assert.InRange((peer.StateReachedAt(IceConnectionState.Failed)!.Value - lastLife).TotalSeconds, 30, 30.01);
            Assert.Null(peer.Agent.ActivePair);
        }
        int sentBefore = sim.Network.Sent.Count;
        sim.RunFor(30 * Second);
        Assert.Equal(sentBefore, sim.Network.Sent.Count);
    }

    [Fact]
    public void A_disconnected_path_recovers_when_answers_come_back()
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Lite);
        sim.RunUntil(() => sim.BothConnected, 5 * Second);
        sim.Network.Admit = _ => false;
        sim.RunUntil(() => sim.A.Agent.State == IceConnectionState.Disconnected, 20 * Second);

        sim.Network.Admit = _ => true;
        sim.RunFor(10 * Second);

        Assert.Equal([IceConnectionState.Checking, IceConnectionState.Connected, IceConnectionState.Disconnected, IceConnectionState.Connected], sim.A.States);
        Assert.Equal(IceConnectionState.Connected, sim.B.Agent.State);
    }

    [Fact]
    public void The_peers_own_checks_count_as_proof_of_life()
    {
        // A never hears answers to its checks, but B (a full agent) keeps sending valid consent checks of its own.
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Controlled);
        sim.RunUntil(() => sim.BothConnected, 5 * Second);
        sim.Network.Admit = p => !(p.From.Equals(sim.B.Address) && IsStun(p, StunClass.SuccessResponse));

        sim.RunFor(90 * Second);

        Assert.Equal(IceConnectionState.Connected, sim.A.Agent.State);
        Assert.DoesNotContain(IceConnectionState.Failed, sim.A.States);
    }

    [Fact]
    public void Without_the_peers_checks_unanswered_consent_fails_the_path()
    {
        // Against a lite peer nothing but answers proves life: drop them and consent must expire.
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Lite);
        sim.RunUntil(() => sim.BothConnected, 5 * Second);
        sim.Network.Admit = p => !(p.From.Equals(sim.B.Address) && IsStun(p, StunClass.SuccessResponse));

        sim.RunUntil(() => sim.A.Agent.State == IceConnectionState.Failed, 40 * Second);

        Assert.Equal(IceConnectionState.Failed, sim.A.Agent.State);
        Assert.InRange(sim.Now.TotalSeconds, 30, 37);
        Assert.Equal(IceConnectionState.Connected, sim.B.Agent.State); // B kept seeing A's checks until now
    }

    private static bool IsStun(SimulatedPacket packet, StunClass cls) =>
        StunMessage.TryParse(packet.Payload, out StunMessage? message) && message.Type.Class == cls;
}
