using System.Globalization;
using System.Security.Cryptography;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Dtls;
using Realtime.WebRtc.Tests.Sctp;

namespace Realtime.WebRtc.Tests.DataChannels;

public sealed class DataChannelStackTests
{
    private static StackPair Started(LossyLink? link = null)
    {
        var pair = new StackPair(link ?? new LossyLink(21));
        pair.Start();
        return pair;
    }

    [Fact]
    public void Oai_events_carries_text_and_200_KiB_messages_both_ways_over_a_lossy_link()
    {
        using var pair = Started(new LossyLink(22, loss: 0.1, duplication: 0.1));
        DataChannel local = pair.Client.CreateDataChannel("oai-events");
        var clientGot = new List<DataChannelMessage>();
        var serverGot = new List<DataChannelMessage>();
        local.OnMessage += clientGot.Add;

        Assert.True(pair.RunUntil(() => pair.Remote[1].Count == 1 && local.State == DataChannelState.Open), $"{pair.Client.State}/{pair.Server.State}");
        DataChannel remote = pair.Remote[1][0];
        remote.OnMessage += serverGot.Add;
        Assert.Equal("oai-events", remote.Label);
        Assert.Equal(local.Id, remote.Id);
        Assert.Equal(0, local.Id % 2); // DTLS client: even stream ids.
        Assert.Equal(DataChannelState.Open, remote.State);

        byte[][] big = [.. Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetBytes(200 * 1024))];
        local.Send("""{"type":"session.update"}""");
        remote.Send("""{"type":"session.created"}""");
        foreach (byte[] message in big)
        {
            local.Send(message);
            remote.Send(message);
        }

        Assert.True(pair.RunUntil(() => clientGot.Count == 4 && serverGot.Count == 4));
        Assert.Equal("""{"type":"session.update"}""", serverGot[0].Text);
        Assert.False(serverGot[0].IsBinary);
        Assert.Equal("""{"type":"session.created"}""", clientGot[0].Text);
        Assert.Equal(big, serverGot.Skip(1).Select(m => m.Data));
        Assert.Equal(big, clientGot.Skip(1).Select(m => m.Data));
        Assert.All(serverGot.Skip(1), m => Assert.True(m.IsBinary));
    }

    [Fact]
    public void Ten_thousand_ordered_messages_arrive_in_order_through_the_whole_stack()
    {
        using var pair = Started(new LossyLink(23, loss: 0.1, duplication: 0.1));
        DataChannel local = pair.Client.CreateDataChannel("bulk");
        var received = new List<string>();
        Assert.True(pair.RunUntil(() => pair.Remote[1].Count == 1));
        pair.Remote[1][0].OnMessage += m => received.Add(m.Text);

        for (int i = 0; i < 10_000; i++)
        {
            local.Send(i.ToString(CultureInfo.InvariantCulture));
        }

        Assert.True(pair.RunUntil(() => received.Count == 10_000));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i.ToString(CultureInfo.InvariantCulture)), received);
    }

    [Fact]
    public void Buffered_amount_counts_bytes_the_window_holds_back_and_drains_to_zero()
    {
        using var pair = Started();
        DataChannel local = pair.Client.CreateDataChannel("buffered");
        var received = new List<DataChannelMessage>();
        Assert.True(pair.RunUntil(() => pair.Remote[1].Count == 1 && local.State == DataChannelState.Open));
        pair.Remote[1][0].OnMessage += received.Add;

        byte[] message = new byte[1000];
        for (int i = 0; i < 100; i++)
        {
            local.Send(message);
        }

        Assert.InRange(local.BufferedAmount, 1, 100 * message.Length - 1); // The first cwnd's worth left at once.
        Assert.True(pair.RunUntil(() => received.Count == 100));
        Assert.Equal(0, local.BufferedAmount);
    }

    [Fact]
    public void Dtls_server_opens_odd_channels_and_unordered_delivery_works()
    {
        using var pair = Started(new LossyLink(24, loss: 0.1, duplication: 0.05));
        DataChannel local = pair.Server.CreateDataChannel("unordered", new DataChannelInit { Ordered = false });
        Assert.True(pair.RunUntil(() => pair.Remote[0].Count == 1));
        DataChannel remote = pair.Remote[0][0];
        var received = new List<int>();
        remote.OnMessage += m => received.Add(BitConverter.ToInt32(m.Data));

        Assert.Equal(1, local.Id % 2);
        Assert.False(remote.Ordered);
        for (int i = 0; i < 500; i++)
        {
            local.Send(BitConverter.GetBytes(i));
        }

        Assert.True(pair.RunUntil(() => received.Count == 500));
        Assert.Equal(Enumerable.Range(0, 500), received.Order());
    }

    [Fact]
    public void Both_sides_open_channels_at_once_without_id_clashes()
    {
        using var pair = Started();
        DataChannel fromClient = pair.Client.CreateDataChannel("a");
        DataChannel fromServer = pair.Server.CreateDataChannel("b");

        Assert.True(pair.RunUntil(() => pair.Remote[0].Count == 1 && pair.Remote[1].Count == 1));
        Assert.NotEqual(fromClient.Id, fromServer.Id);
        Assert.Equal("b", pair.Remote[0][0].Label);
        Assert.Equal("a", pair.Remote[1][0].Label);
    }

    [Fact]
    public void Negotiated_channels_open_without_dcep()
    {
        using var pair = Started();
        var init = new DataChannelInit { Negotiated = true, Id = 7 };
        DataChannel a = pair.Client.CreateDataChannel("n", init);
        DataChannel b = pair.Server.CreateDataChannel("n", init);
        string? got = null;
        b.OnMessage += m => got = m.Text;

        Assert.True(pair.RunUntil(() => a.State == DataChannelState.Open && b.State == DataChannelState.Open));
        a.Send("hi");
        Assert.True(pair.RunUntil(() => got is not null));
        Assert.Equal("hi", got);
        Assert.Empty(pair.Remote[0]);
        Assert.Empty(pair.Remote[1]);
    }

    [Fact]
    public void Empty_messages_use_their_own_ppids_and_arrive_empty()
    {
        using var pair = Started();
        DataChannel local = pair.Client.CreateDataChannel("empty");
        Assert.True(pair.RunUntil(() => pair.Remote[1].Count == 1));
        var received = new List<DataChannelMessage>();
        pair.Remote[1][0].OnMessage += received.Add;

        local.Send("");
        local.Send(Array.Empty<byte>());

        Assert.True(pair.RunUntil(() => received.Count == 2));
        Assert.False(received[0].IsBinary);
        Assert.Equal("", received[0].Text);
        Assert.True(received[1].IsBinary);
        Assert.Empty(received[1].Data);
    }

    [Fact]
    public void Closing_a_channel_resets_its_streams_and_closes_both_ends()
    {
        using var pair = Started(new LossyLink(25, loss: 0.1));
        DataChannel doomed = pair.Client.CreateDataChannel("doomed");
        DataChannel survivor = pair.Client.CreateDataChannel("survivor");
        Assert.True(pair.RunUntil(() => pair.Remote[1].Count == 2));
        DataChannel remoteDoomed = pair.Remote[1].Single(c => c.Label == "doomed");
        bool localClosed = false, remoteClosed = false;
        doomed.OnClose += () => localClosed = true;
        remoteDoomed.OnClose += () => remoteClosed = true;
        var lastWords = new List<string>();
        remoteDoomed.OnMessage += m => lastWords.Add(m.Text);

        doomed.Send("last words");
        doomed.Close();

        Assert.True(pair.RunUntil(() => localClosed && remoteClosed));
        Assert.Equal(["last words"], lastWords);
        Assert.Equal(DataChannelState.Closed, doomed.State);
        Assert.Equal(DataChannelState.Closed, remoteDoomed.State);
        Assert.Throws<InvalidOperationException>(() => doomed.Send("too late"));

        string? got = null;
        pair.Remote[1].Single(c => c.Label == "survivor").OnMessage += m => got = m.Text;
        survivor.Send("still here");
        Assert.True(pair.RunUntil(() => got is not null));

        // A new channel may reuse the freed stream id.
        DataChannel reborn = pair.Client.CreateDataChannel("reborn");
        Assert.Equal(doomed.Id, reborn.Id);
        Assert.True(pair.RunUntil(() => pair.Remote[1].Any(c => c.Label == "reborn")));
    }

    [Fact]
    public void Closing_the_transport_closes_the_peers_channels()
    {
        using var pair = Started();
        DataChannel local = pair.Client.CreateDataChannel("x");
        Assert.True(pair.RunUntil(() => pair.Remote[1].Count == 1));
        DataChannel remote = pair.Remote[1][0];
        bool remoteClosed = false;
        remote.OnClose += () => remoteClosed = true;
        var states = new List<DataChannelTransportState>();
        pair.Server.OnStateChange += states.Add;

        pair.Client.Close(pair.Now);

        Assert.True(pair.RunUntil(() => remoteClosed));
        Assert.Equal(DataChannelState.Closed, local.State);
        Assert.Equal(DataChannelTransportState.Closed, pair.Server.State);
        Assert.Contains(DataChannelTransportState.Closed, states);
    }

    [Fact]
    public void Messages_over_the_peers_max_message_size_are_refused()
    {
        using var pair = Started();
        DataChannel local = pair.Client.CreateDataChannel("x");
        Assert.True(pair.RunUntil(() => local.State == DataChannelState.Open));

        Assert.Throws<ArgumentException>(() => local.Send(new byte[262_145]));
        local.Send(new byte[262_144]);
    }

    [Fact]
    public void Srtp_keys_are_available_to_the_media_layer()
    {
        using var pair = Started();

        Assert.True(pair.RunUntil(pair.Connected));
        Assert.Equal(pair.Client.Dtls.SrtpKeys!.ClientKey, pair.Server.Dtls.SrtpKeys!.ClientKey);
    }

    [Fact]
    public void Open_is_reported_to_handlers_subscribed_after_creation()
    {
        using var pair = Started();
        Assert.True(pair.RunUntil(pair.Connected));

        // On a connected transport the channel opens inside CreateDataChannel, before this line subscribes.
        DataChannel channel = pair.Client.CreateDataChannel("late");
        bool opened = false;
        channel.OnOpen += () => opened = true;

        Assert.Equal(DataChannelState.Open, channel.State);
        Assert.True(opened);
    }

    [Fact]
    public void A_fingerprint_mismatch_fails_the_transport_and_its_channels()
    {
        var options = new DataChannelTransportOptions { Dtls = new() { HandshakeResendInterval = TimeSpan.FromMilliseconds(50) } };
        using var client = new DataChannelTransport(DtlsRole.Client, DtlsCertificate.Generate(), DtlsCertificate.Generate().Fingerprint, options);
        using var server = new DataChannelTransport(DtlsRole.Server, DtlsCertificate.Generate(), DtlsCertificate.Generate().Fingerprint, options);
        DataChannel channel = client.CreateDataChannel("never");
        bool closed = false;
        channel.OnClose += () => closed = true;
        server.Start(TimeSpan.Zero);
        client.Start(TimeSpan.Zero);

        // Each HandleDatagram returns once DTLS has digested it, so when nothing is left to carry the handshake is over.
        bool moved;
        do
        {
            moved = false;
            while (client.TryPollTransmit(out byte[] d))
            {
                server.HandleDatagram(d, TimeSpan.Zero);
                moved = true;
            }
            while (server.TryPollTransmit(out byte[] d))
            {
                client.HandleDatagram(d, TimeSpan.Zero);
                moved = true;
            }
        }
        while (moved);

        Assert.Equal(DataChannelTransportState.Failed, client.State);
        Assert.Contains("fingerprint", client.Dtls.FailureReason);
        Assert.True(closed);
        Assert.Equal(DataChannelState.Closed, channel.State);
    }
}
