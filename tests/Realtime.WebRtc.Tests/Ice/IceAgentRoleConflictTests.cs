using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Tests.Ice;

public sealed class IceAgentRoleConflictTests
{
    private static readonly TimeSpan FiveSeconds = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(IceRole.Controlling, 1000ul, 5ul)]
    [InlineData(IceRole.Controlling, 5ul, 1000ul)]
    [InlineData(IceRole.Controlled, 1000ul, 5ul)]
    [InlineData(IceRole.Controlled, 5ul, 1000ul)]
    public void Two_agents_claiming_the_same_role_settle_on_the_larger_tie_breaker_as_controlling(IceRole role, ulong a, ulong b)
    {
        var sim = new IceSimulation(new IceAgentOptions { Role = role, TieBreaker = a }, new IceAgentOptions { Role = role, TieBreaker = b });

        Assert.True(sim.RunUntil(() => sim.BothConnected, FiveSeconds));

        (SimulatedPeer winner, SimulatedPeer loser) = a > b ? (sim.A, sim.B) : (sim.B, sim.A);
        Assert.Equal(IceRole.Controlling, winner.Agent.Role);
        Assert.Equal(IceRole.Controlled, loser.Agent.Role);
        IceRoleChangedEvent switched = Assert.Single(sim.A.Events.Concat(sim.B.Events).Select(e => e.Event).OfType<IceRoleChangedEvent>());
        Assert.NotEqual(role, switched.Role);
        Assert.True(winner.Agent.SelectedPair!.Nominated);
        Assert.Equal(winner.Agent.SelectedPair.Priority, loser.Agent.SelectedPair!.Priority);
    }

    [Fact]
    public void A_487_answer_is_sent_when_our_tie_breaker_wins()
    {
        var sim = new IceSimulation(new IceAgentOptions { TieBreaker = 9 }, new IceAgentOptions { TieBreaker = 1 });
        sim.RunUntil(() => sim.BothConnected, FiveSeconds);

        StunMessage[] errors = sim.Network.Sent.Where(p => p.From.Equals(sim.A.Address))
            .Select(p => StunMessage.Parse(p.Payload)).Where(m => m.Type == StunMessageType.BindingError).ToArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(487, e.ErrorCode!.Value.Code));
        Assert.All(errors, e => Assert.True(e.VerifyIntegrity(sim.A.Agent.LocalCredentials.Password)));
    }

    [Fact]
    public void A_full_agent_wrongly_started_as_controlled_takes_control_from_a_lite_peer()
    {
        var sim = new IceSimulation(IceTestOptions.Controlled, IceTestOptions.Lite, signalAToB: false);

        Assert.True(sim.RunUntil(() => sim.BothConnected, FiveSeconds));

        Assert.Equal(IceRole.Controlling, sim.A.Agent.Role);
        Assert.Equal(IceRole.Controlled, sim.B.Agent.Role);
    }

    [Fact]
    public void Role_conflict_is_resolved_over_a_lossy_link()
    {
        var sim = new IceSimulation(new IceAgentOptions { TieBreaker = 7 }, new IceAgentOptions { TieBreaker = 70 }, seed: 5);
        sim.Network.LossRate = 0.1;
        sim.Network.DuplicateRate = 0.1;
        sim.Network.ReorderRate = 0.1;

        Assert.True(sim.RunUntil(() => sim.BothConnected, TimeSpan.FromSeconds(15)));
        sim.RunFor(TimeSpan.FromMinutes(1));

        Assert.Equal(IceRole.Controlled, sim.A.Agent.Role);
        Assert.Equal(IceRole.Controlling, sim.B.Agent.Role);
        Assert.Equal(IceConnectionState.Connected, sim.A.Agent.State);
    }
}
