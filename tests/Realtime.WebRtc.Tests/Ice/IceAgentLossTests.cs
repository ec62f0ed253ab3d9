using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

public sealed class IceAgentLossTests
{
    public static TheoryData<int, bool> Seeds()
    {
        var data = new TheoryData<int, bool>();
        for (int seed = 1; seed <= 12; seed++)
        {
            data.Add(seed, seed % 2 == 0);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Agents_connect_and_stay_connected_over_a_lossy_duplicating_reordering_link(int seed, bool lite)
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, lite ? IceTestOptions.Lite : IceTestOptions.Controlled, seed);
        MakeLossy(sim.Network);

        Assert.True(sim.RunUntil(() => sim.BothConnected, TimeSpan.FromSeconds(10)), $"not connected: {sim.A.Agent.State}/{sim.B.Agent.State}");
        sim.RunFor(TimeSpan.FromMinutes(3));

        Assert.DoesNotContain(IceConnectionState.Failed, sim.A.States);
        Assert.DoesNotContain(IceConnectionState.Failed, sim.B.States);
        Assert.Equal(sim.B.Address, sim.A.Agent.SelectedPair!.Remote.EndPoint);
        Assert.Equal(sim.A.Address, sim.B.Agent.SelectedPair!.Remote.EndPoint);
    }

    [Fact]
    public void Application_datagrams_arrive_through_loss_at_roughly_the_loss_rate()
    {
        var sim = new IceSimulation(IceTestOptions.Controlling, IceTestOptions.Lite, seed: 99);
        MakeLossy(sim.Network);
        sim.RunUntil(() => sim.BothConnected, TimeSpan.FromSeconds(10));

        for (int i = 0; i < 1000; i++)
        {
            sim.SendApp(sim.A, [128, (byte)i]);
            sim.RunFor(TimeSpan.FromMilliseconds(2));
        }
        sim.RunFor(TimeSpan.FromSeconds(1));

        // 10% loss, 10% duplication: about 990 arrivals, and some out of order.
        Assert.InRange(sim.B.AppReceived.Count, 900, 1080);
        byte[] order = sim.B.AppReceived.Select(p => p[1]).ToArray();
        Assert.Contains(order.Zip(order.Skip(1)), pair => pair.First > pair.Second && pair.First - pair.Second < 100);
    }

    private static void MakeLossy(SimulatedNetwork network)
    {
        network.LossRate = 0.10;
        network.DuplicateRate = 0.10;
        network.ReorderRate = 0.10;
    }
}
