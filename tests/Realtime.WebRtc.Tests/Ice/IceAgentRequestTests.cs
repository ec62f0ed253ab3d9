using System.Net;
using Realtime.WebRtc.Ice;
using Realtime.WebRtc.Stun;

namespace Realtime.WebRtc.Tests.Ice;

/// <summary>A single agent fed hand-made checks, as Chromium or OpenAI would send them.</summary>
public sealed class IceAgentRequestTests
{
    private static readonly IPEndPoint Local = IceSimulation.Endpoint("127.0.0.1", 40000);
    private static readonly IPEndPoint Peer = IceSimulation.Endpoint("127.0.0.1", 51234);
    private static readonly IceCredentials PeerCredentials = new("peer", "peer-password-0123456789");
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(100);

    [Fact]
    public void Lite_agent_answers_a_valid_check_with_the_source_address_signed_with_its_password()
    {
        IceAgent lite = NewLiteAgent();
        StunTransactionId id = StunTransactionId.NewRandom();

        Assert.True(lite.HandleReceive(T0, Local, Peer, Check(lite, id, useCandidate: false)));

        IceTransmit answer = Assert.Single(Drain(lite));
        StunMessage response = StunMessage.Parse(answer.Payload);
        Assert.Equal((Local, Peer), (answer.Source, answer.Destination));
        Assert.Equal(StunMessageType.BindingSuccess, response.Type);
        Assert.Equal(id, response.TransactionId);
        Assert.Equal(Peer, response.XorMappedAddress);
        Assert.True(response.VerifyIntegrity(lite.LocalCredentials.Password));
        Assert.True(response.HasFingerprint);
        Assert.Equal(IceConnectionState.Checking, lite.State);
        Assert.Null(lite.SelectedPair);
        Assert.NotNull(lite.ActivePair); // DTLS may already go to the learned address
    }

    [Fact]
    public void Lite_agent_selects_the_pair_on_use_candidate()
    {
        IceAgent lite = NewLiteAgent();

        lite.HandleReceive(T0, Local, Peer, Check(lite, StunTransactionId.NewRandom(), useCandidate: true));

        Assert.Equal(IceConnectionState.Connected, lite.State);
        Assert.Equal(Peer, lite.SelectedPair!.Remote.EndPoint);
        Assert.Equal(IceCandidateType.PeerReflexive, lite.SelectedPair.Remote.Type);
        Assert.Equal(0x6e0001ffu, lite.SelectedPair.Remote.Priority);
        Assert.Same(lite.SelectedPair, Assert.Single(Events(lite).OfType<IceSelectedPairChangedEvent>()).Pair);
    }

    [Theory]
    [InlineData("wrong-password-000000000", null)]
    [InlineData(null, "nobody")]
    public void Checks_with_a_bad_password_or_username_are_dropped_unanswered(string? password, string? ufrag)
    {
        IceAgent lite = NewLiteAgent();
        byte[] check = new StunMessageBuilder(StunMessageType.BindingRequest, StunTransactionId.NewRandom())
            .AddUsername($"{ufrag ?? lite.LocalCredentials.Ufrag}:peer").AddPriority(1).AddIceControlling(1).AddUseCandidate()
            .Build(password ?? lite.LocalCredentials.Password);

        Assert.True(lite.HandleReceive(T0, Local, Peer, check));

        Assert.Empty(Drain(lite));
        Assert.Null(lite.ActivePair);
        Assert.Equal(IceConnectionState.New, lite.State);
    }

    [Fact]
    public void Unknown_comprehension_required_attributes_get_a_420_listing_them()
    {
        IceAgent lite = NewLiteAgent();
        byte[] check = new StunMessageBuilder(StunMessageType.BindingRequest, StunTransactionId.NewRandom())
            .AddUsername($"{lite.LocalCredentials.Ufrag}:peer").AddAttribute(0x0042, [1, 2, 3, 4]).AddIceControlling(1)
            .Build(lite.LocalCredentials.Password);

        lite.HandleReceive(T0, Local, Peer, check);

        StunMessage response = StunMessage.Parse(Assert.Single(Drain(lite)).Payload);
        Assert.Equal(420, response.ErrorCode!.Value.Code);
        Assert.Equal(new byte[] { 0x00, 0x42 }, response.Find(StunAttributeType.UnknownAttributes)!.Value.ToArray());
    }

    [Fact]
    public void Lite_agent_answers_487_to_a_peer_that_also_claims_controlled()
    {
        IceAgent lite = NewLiteAgent();
        byte[] check = new StunMessageBuilder(StunMessageType.BindingRequest, StunTransactionId.NewRandom())
            .AddUsername($"{lite.LocalCredentials.Ufrag}:peer").AddPriority(1).AddIceControlled(ulong.MaxValue)
            .Build(lite.LocalCredentials.Password);

        lite.HandleReceive(T0, Local, Peer, check);

        Assert.Equal(487, StunMessage.Parse(Assert.Single(Drain(lite)).Payload).ErrorCode!.Value.Code);
        Assert.Equal(IceRole.Controlled, lite.Role);
    }

    [Fact]
    public void Datagrams_that_are_not_stun_are_left_to_the_caller()
    {
        IceAgent lite = NewLiteAgent();

        Assert.False(lite.HandleReceive(T0, Local, Peer, [22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
        Assert.Empty(Drain(lite));
    }

    [Fact]
    public void A_forged_answer_does_not_complete_a_check()
    {
        var agent = new IceAgent(IceTestOptions.Controlling);
        agent.AddHostCandidate(Local);
        agent.SetRemoteCredentials(PeerCredentials);
        agent.AddRemoteCandidate(IceCandidate.CreateHost(Peer));
        agent.HandleTimeout(T0);
        StunMessage check = StunMessage.Parse(Assert.Single(Drain(agent)).Payload);
        byte[] forged = new StunMessageBuilder(StunMessageType.BindingSuccess, check.TransactionId).AddXorMappedAddress(Local).Build("not-the-password");
        byte[] genuine = new StunMessageBuilder(StunMessageType.BindingSuccess, check.TransactionId).AddXorMappedAddress(Local).Build(PeerCredentials.Password);

        agent.HandleReceive(T0, Local, Peer, forged);
        Assert.Equal(IceConnectionState.Checking, agent.State);
        agent.HandleReceive(T0, Local, IceSimulation.Endpoint("127.0.0.1", 9), genuine); // right bytes, wrong source
        Assert.Equal(IceConnectionState.Checking, agent.State);
        agent.HandleReceive(T0, Local, Peer, genuine);
        Assert.Equal(IceConnectionState.Connected, agent.State);
    }

    [Fact]
    public void Unanswered_checks_are_retransmitted_with_doubling_timeouts()
    {
        var agent = new IceAgent(IceTestOptions.Controlling);
        agent.AddHostCandidate(Local);
        agent.SetRemoteCredentials(PeerCredentials);
        agent.AddRemoteCandidate(IceCandidate.CreateHost(Peer));
        var sent = new List<(TimeSpan At, byte[] Payload)>();

        TimeSpan now = T0;
        while (now < T0 + TimeSpan.FromSeconds(25) && agent.PollTimeout() is { } due)
        {
            now = due > now ? due : now;
            agent.HandleTimeout(now);
            sent.AddRange(Drain(agent).Select(t => (now, t.Payload)));
        }

        double[] offsets = sent.Select(s => (s.At - T0).TotalSeconds).ToArray();
        Assert.Equal([0, 0.5, 1.5, 3.5, 6.5, 9.5, 12.5], offsets);
        Assert.Single(sent.Select(s => Convert.ToHexString(s.Payload)).Distinct()); // same transaction, same bytes
        Assert.Equal(IceCandidatePairState.Failed, Assert.Single(agent.Pairs).State);
    }

    private static IceAgent NewLiteAgent()
    {
        var lite = new IceAgent(IceTestOptions.Lite);
        lite.AddHostCandidate(Local);
        return lite;
    }

    private static byte[] Check(IceAgent receiver, StunTransactionId id, bool useCandidate)
    {
        var builder = new StunMessageBuilder(StunMessageType.BindingRequest, id)
            .AddUsername($"{receiver.LocalCredentials.Ufrag}:{PeerCredentials.Ufrag}").AddPriority(0x6e0001ff).AddIceControlling(42);
        if (useCandidate)
        {
            builder.AddUseCandidate();
        }
        return builder.Build(receiver.LocalCredentials.Password);
    }

    private static List<IceTransmit> Drain(IceAgent agent)
    {
        var list = new List<IceTransmit>();
        while (agent.TryPollTransmit(out IceTransmit transmit))
        {
            list.Add(transmit);
        }
        return list;
    }

    private static List<IceEvent> Events(IceAgent agent)
    {
        var list = new List<IceEvent>();
        while (agent.TryPollEvent(out IceEvent? e))
        {
            list.Add(e);
        }
        return list;
    }
}
