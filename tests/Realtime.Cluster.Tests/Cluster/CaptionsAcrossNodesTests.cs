using Realtime.Client.Publishing;
using Realtime.Client.Viewing;
using Realtime.Cluster.Tests.Infrastructure;

namespace Realtime.Cluster.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class CaptionsAcrossNodesTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Captions_published_through_node_2_reach_a_viewer_on_node_1()
    {
        var speakerJwt = await cluster.Api2.DevTokenAsync("speaker-" + Guid.NewGuid().ToString("N")[..8]);
        var sessionId = await cluster.Api2.StartSessionAsync(speakerJwt);

        await using var viewerConnection = await cluster.Api1.ConnectCaptionsAsync(await cluster.Api1.DevTokenAsync("viewer", watch: sessionId));
        await using var viewer = new CaptionViewer(viewerConnection, sessionId);
        await viewer.StartAsync();

        await using var speakerConnection = await cluster.Api2.ConnectCaptionsAsync(speakerJwt);
        await using var publisher = new CaptionPublisher(speakerConnection, sessionId);
        publisher.Add(OpenAIEvents.UserDelta("item_1", "Hello ").AsElement());
        publisher.Add(OpenAIEvents.UserCompleted("item_1", "Hello from node two.").AsElement());
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        await Eventually.TrueAsync(() => viewer.Segments.Any(s => s.IsSettled && s.Text == "Hello from node two."),
            () => $"the viewer on node 1 has: {string.Join(" | ", viewer.Segments.Select(s => $"{s.Seq}:{s.Kind}:{s.Text}"))}", TimeSpan.FromSeconds(20));
        Assert.Equal("live", viewer.State);
    }
}
