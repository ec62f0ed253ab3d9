using Microsoft.AspNetCore.SignalR;
using Realtime.Api.Captions;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Shared.Captions;

namespace Realtime.Api.Tests.Captions;

/// <summary>
/// A speaker on one api node, viewers on both nodes of a two-silo cluster: every update arrives, in order,
/// once; a resuming viewer gets exactly what it missed; a resent batch changes nothing.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed class CaptionFanoutTests(TwoNodeCluster cluster)
{
    [Fact]
    public async Task Viewers_on_both_nodes_receive_every_update_in_order()
    {
        var (owner, sessionId) = await SessionCalls.MintAsync(cluster.NodeA);
        await using var speaker = await CaptionClient.ConnectAsync(cluster.NodeA, owner);
        var viewers = new List<CaptionClient>();
        foreach (var node in new[] { cluster.NodeA, cluster.NodeB, cluster.NodeA, cluster.NodeB })
        {
            var viewer = await CaptionClient.ConnectAsync(node, owner);
            Assert.Equal(0, (await viewer.WatchAsync(sessionId)).LastSeq);
            viewers.Add(viewer);
        }

        for (var i = 0; i < 10; i++)
        {
            await speaker.PublishAsync(sessionId,
                OpenAIEvents.UserDelta($"item_u{i}", "hel"), OpenAIEvents.UserDelta($"item_u{i}", "lo"),
                OpenAIEvents.UserCompleted($"item_u{i}", $"hello {i}"));
            await speaker.PublishAsync(sessionId,
                OpenAIEvents.AssistantDelta($"item_a{i}", "re", beta: i % 2 == 0),
                OpenAIEvents.AssistantDone($"item_a{i}", $"reply {i}", beta: i % 2 == 0));
        }

        foreach (var viewer in viewers)
        {
            await viewer.WaitForAsync(c => c.Count(u => u.Kind == CaptionKind.Final) == 20);
            var received = viewer.Captions.ToList();
            Assert.True(received.Zip(received.Skip(1)).All(p => p.First.Seq < p.Second.Seq), "seqs must strictly increase");
            var finals = received.Where(u => u.Kind == CaptionKind.Final).ToDictionary(u => u.SegmentId, u => u.Text);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal($"hello {i}", finals[$"item_u{i}:0"]);
                Assert.Equal($"reply {i}", finals[$"item_a{i}:0"]);
            }
            Assert.All(received.Where(u => u.SegmentId.StartsWith("item_u", StringComparison.Ordinal)), u => Assert.Equal(CaptionRole.User, u.Role));
            Assert.All(received.Where(u => u.SegmentId.StartsWith("item_a", StringComparison.Ordinal)), u => Assert.Equal(CaptionRole.Assistant, u.Role));
        }
        foreach (var viewer in viewers) await viewer.DisposeAsync();
    }

    [Fact]
    public async Task A_viewer_that_resumes_on_the_other_node_gets_exactly_what_it_missed()
    {
        var (owner, sessionId) = await SessionCalls.MintAsync(cluster.NodeA);
        await using var speaker = await CaptionClient.ConnectAsync(cluster.NodeA, owner);
        var first = await CaptionClient.ConnectAsync(cluster.NodeA, owner);
        await first.WatchAsync(sessionId);
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_1", "one"), OpenAIEvents.UserCompleted("item_2", "two"));
        await first.WaitForAsync(c => c.Count(u => u.IsFinal) == 2);
        var lastSeen = first.Captions.Max(u => u.Seq);
        await first.DisposeAsync();

        await speaker.PublishAsync(sessionId, OpenAIEvents.UserDelta("item_3", "thr"), OpenAIEvents.UserCompleted("item_3", "three"));
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_4", "four"));

        await using var resumed = await CaptionClient.ConnectAsync(cluster.NodeB, owner);
        var answer = await resumed.WatchAsync(sessionId, lastSeen);

        Assert.All(answer.Updates, u => Assert.True(u.Seq > lastSeen));
        Assert.Equal(["item_3:0", "item_4:0"], answer.Updates.Select(u => u.SegmentId).ToArray());
        Assert.Equal(["three", "four"], answer.Updates.Select(u => u.Text).ToArray());
        Assert.Equal(answer.Updates[^1].Seq, answer.LastSeq);
        Assert.Equal("live", answer.State);

        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_5", "five"));
        await resumed.WaitForAsync(c => c.Any(u => u.Text == "five"));
        Assert.All(resumed.Captions, u => Assert.True(u.Seq > answer.LastSeq, "a live caption must not repeat the catch-up"));
    }

    [Fact]
    public async Task A_resent_batch_duplicates_nothing()
    {
        var (owner, sessionId) = await SessionCalls.MintAsync(cluster.NodeB);
        await using var speaker = await CaptionClient.ConnectAsync(cluster.NodeB, owner);
        await using var viewer = await CaptionClient.ConnectAsync(cluster.NodeA, owner);
        await viewer.WatchAsync(sessionId);
        var batch = new[] { OpenAIEvents.UserDelta("item_r", "abc"), OpenAIEvents.UserDelta("item_r", "def"), OpenAIEvents.UserCompleted("item_r", "abcdef") };

        var ack = await speaker.PublishAsync(sessionId, batch);
        var again = await speaker.PublishAsync(sessionId, batch);

        Assert.Equal(3, ack.Accepted);
        Assert.Equal(0, again.Accepted);
        Assert.Equal(3, again.Duplicates);
        Assert.Equal(ack.LastSeq, again.LastSeq);
        await viewer.WaitForAsync(c => c.Any(u => u.IsFinal));
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_s", "marker"));
        await viewer.WaitForAsync(c => c.Any(u => u.Text == "marker"));
        Assert.Equal(1, viewer.Captions.Count(u => u.SegmentId == "item_r:0" && u.IsFinal));
        Assert.Equal("abcdef", viewer.Captions.Last(u => u.SegmentId == "item_r:0").Text);
    }

    [Fact]
    public async Task Ending_a_session_tells_its_viewers_and_refuses_more_events()
    {
        var (owner, sessionId) = await SessionCalls.MintAsync(cluster.NodeA);
        await using var speaker = await CaptionClient.ConnectAsync(cluster.NodeA, owner);
        await using var viewer = await CaptionClient.ConnectAsync(cluster.NodeB, owner);
        await viewer.WatchAsync(sessionId);
        await speaker.PublishAsync(sessionId, OpenAIEvents.UserCompleted("item_e", "bye"));

        var ended = await HttpAssert.OkAsync(await SessionCalls.PostAsync(cluster.NodeB, owner, $"/api/sessions/{sessionId}/end"));

        Assert.Equal("ended", ended["state"]!.GetValue<string>());
        await Eventually.TrueAsync(() => viewer.States.Contains("ended"), "the viewer on node B to see the session ended");
        var refused = await speaker.TryPublishAsync(sessionId, OpenAIEvents.UserCompleted("item_f", "late"));
        Assert.Null(refused.Ack);
        Assert.Equal(HubRefusalCodes.SessionEnded, refused.Refusal?.Code);
        Assert.Contains("over", refused.Refusal!.Message);
    }
}
