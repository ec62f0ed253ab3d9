using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Tests.Ice;

public sealed class IceAgentConnectivityTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Full_controlling_agent_connects_to_a_lite_agent_that_only_learns_it_from_checks()
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Lite, signalAToB: false);

        Assert.True(sim.RunUntil(() => sim.BothConnected, 5 * Second));

        Assert.True(sim.A.Agent.SelectedPair!.Nominated);
        Assert.Equal(sim.B.Address, sim.A.Agent.SelectedPair.Remote.EndPoint);
        Assert.Equal(sim.A.Address, sim.B.Agent.SelectedPair!.Remote.EndPoint);
        Assert.Equal(IceCandidateType.PeerReflexive, sim.B.Agent.SelectedPair.Remote.Type);
        Assert.Equal([IceConnectionState.Checking, IceConnectionState.Connected], sim.A.States);
        Assert.True(sim.Now < TimeSpan.FromMilliseconds(100), $"connected after {sim.Now}");
    }

    [Fact]
    public void Every_check_from_the_controlling_agent_carries_use_candidate_consent_checks_included()
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Lite, signalAToB: false);
        sim.RunUntil(() => sim.BothConnected, 5 * Second);

        sim.RunFor(30 * Second);

        StunMessage[] checks = sim.Network.Sent.Where(p => p.From.Equals(sim.A.Address))
            .Select(p => StunMessage.Parse(p.Payload)).Where(m => m.Type == StunMessageType.BindingRequest).ToArray();
        Assert.True(checks.Length >= 5, $"only {checks.Length} checks in 30 s"); // the first check plus ~6 consent checks
        Assert.All(checks, c => Assert.True(c.UseCandidate));
        Assert.All(checks, c => Assert.Equal(sim.A.Agent.TieBreaker, c.IceControlling));
        Assert.All(checks, c => Assert.Equal($"{sim.B.Agent.LocalCredentials.Ufrag}:{sim.A.Agent.LocalCredentials.Ufrag}", c.Username));
        Assert.Equal(IceConnectionState.Connected, sim.A.Agent.State);
        Assert.Equal(IceConnectionState.Connected, sim.B.Agent.State);
    }

    [Fact]
    public void Consent_checks_are_spaced_four_to_six_seconds_apart()
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Lite, signalAToB: false);
        sim.RunUntil(() => sim.BothConnected, 5 * Second);
        TimeSpan connectedAt = sim.Now;

        sim.RunFor(60 * Second);

        TimeSpan[] times = sim.Network.Sent.Where(p => p.From.Equals(sim.A.Address) && p.SentAt > connectedAt)
            .Select(p => p.SentAt).ToArray();
        double[] gaps = times.Zip(times.Skip(1), (x, y) => (y - x).TotalSeconds).ToArray();
        Assert.InRange(times.Length, 10, 15);
        Assert.All(gaps, g => Assert.InRange(g, 4.0, 6.0));
        Assert.True(gaps.Distinct().Count() > 1, "consent intervals must be randomized");
    }

    [Fact]
    public void Two_full_agents_connect_and_agree_on_the_pair()
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Controlled);

        Assert.True(sim.RunUntil(() => sim.BothConnected, 5 * Second));

        Assert.Equal(sim.B.Address, sim.A.Agent.SelectedPair!.Remote.EndPoint);
        Assert.Equal(sim.A.Address, sim.B.Agent.SelectedPair!.Remote.EndPoint);
        Assert.Equal(IceCandidateType.Host, sim.B.Agent.SelectedPair.Remote.Type);
        Assert.Equal(sim.A.Agent.SelectedPair.Priority, sim.B.Agent.SelectedPair.Priority);
        Assert.Equal(IceRole.Controlling, sim.A.Agent.Role);
        Assert.Equal(IceRole.Controlled, sim.B.Agent.Role);
    }

    [Fact]
    public void Controlled_full_agent_learns_an_unsignalled_peer_and_nominates_after_its_triggered_check()
    {
        // Like an mDNS-hidden browser candidate: B never gets A's address from signalling.
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Controlled, signalAToB: false);

        Assert.True(sim.RunUntil(() => sim.BothConnected, 5 * Second));

        Assert.Equal(IceCandidateType.PeerReflexive, sim.B.Agent.SelectedPair!.Remote.Type);
        Assert.Equal(IceCandidatePairState.Succeeded, sim.B.Agent.SelectedPair.State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Application_datagrams_flow_both_ways_over_the_selected_pair(bool lite)
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, lite ? IceTestOptions.Lite : IceTestOptions.Controlled);
        sim.RunUntil(() => sim.BothConnected, 5 * Second);

        Assert.True(sim.SendApp(sim.A, [22, 1, 2, 3]));
        Assert.True(sim.SendApp(sim.B, [23, 4, 5, 6]));
        sim.RunFor(Second);

        Assert.Equal([22, 1, 2, 3], Assert.Single(sim.B.AppReceived));
        Assert.Equal([23, 4, 5, 6], Assert.Single(sim.A.AppReceived));
    }

    [Fact]
    public void Before_any_pair_works_there_is_nowhere_to_send()
    {
        var agent = new IceAgent(IceTestOptions.Controlling);

        Assert.Null(agent.ActivePair);
        Assert.Equal(IceConnectionState.New, agent.State);
        Assert.Equal(TimeSpan.Zero, agent.PollTimeout());
    }

    [Fact]
    public void An_unreachable_peer_fails_after_the_connect_timeout()
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Controlled);
        sim.Network.Admit = _ => false;

        sim.RunUntil(() => sim.A.Agent.State == IceConnectionState.Failed, 60 * Second);

        Assert.Equal(IceConnectionState.Failed, sim.A.Agent.State);
        Assert.InRange(sim.A.StateReachedAt(IceConnectionState.Failed)!.Value.TotalSeconds, 30, 30.1);
        Assert.All(sim.A.Agent.Pairs, p => Assert.Equal(IceCandidatePairState.Failed, p.State));
        Assert.Null(sim.A.Agent.PollTimeout());
    }
}
