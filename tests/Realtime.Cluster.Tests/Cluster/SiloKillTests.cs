using System.Collections.Concurrent;
using System.Diagnostics;
using Realtime.Client.Publishing;
using Realtime.Client.Viewing;
using Realtime.Client.Wire;
using Realtime.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Realtime.Cluster.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class SiloKillTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int FinalsBefore = 3;
    private const int FinalsAfter = 3;

    [Fact]
    public async Task Killing_the_silo_that_holds_a_live_session_loses_no_final_caption()
    {
        // The speaker publishes through node 2, the viewer watches on node 1: neither api node goes away.
        var speakerJwt = await cluster.Api2.DevTokenAsync("kill-" + Guid.NewGuid().ToString("N")[..8]);
        var sessionId = await cluster.Api2.StartSessionAsync(speakerJwt);
        await using var viewerConnection = await cluster.Api1.ConnectCaptionsAsync(await cluster.Api1.DevTokenAsync("viewer", watch: sessionId));
        await using var viewer = new CaptionViewer(viewerConnection, sessionId);
        var applied = new ConcurrentQueue<Caption>();
        viewer.CaptionApplied += applied.Enqueue;
        await viewer.StartAsync();
        await using var speakerConnection = await cluster.Api2.ConnectCaptionsAsync(speakerJwt);
        await using var publisher = new CaptionPublisher(speakerConnection, sessionId, new CaptionPublisherOptions { RetryDelay = TimeSpan.FromMilliseconds(250) });

        for (var i = 1; i <= FinalsBefore; i++) Say(publisher, i);
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await WaitForFinalsAsync(viewer, FinalsBefore, TimeSpan.FromSeconds(20));

        var victim = cluster.SiloAt(await cluster.Probe.SiloPortOfSessionAsync(sessionId)
            ?? throw new InvalidOperationException($"{sessionId} is active on no silo."));
        var clock = Stopwatch.StartNew();
        victim.Kill();

        // Finals keep coming while the cluster has not yet noticed: the publisher holds them until acknowledged.
        for (var i = FinalsBefore + 1; i <= FinalsBefore + FinalsAfter; i++) Say(publisher, i);
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var acknowledged = clock.Elapsed;
        await WaitForFinalsAsync(viewer, FinalsBefore + FinalsAfter, TimeSpan.FromSeconds(30));
        var delivered = clock.Elapsed;
        await Eventually.TrueAsync(async () => await cluster.Probe.ActiveSiloCountAsync() == 1,
            () => $"membership still counts {victim.Name} as active", TimeSpan.FromSeconds(30));
        output.WriteLine($"Killed {victim.Name} (held {sessionId}); the finals said after the kill were acknowledged after " +
            $"{acknowledged.TotalSeconds:0.0} s and reached the viewer on node 1 after {delivered.TotalSeconds:0.0} s; " +
            $"membership declared the silo dead within {clock.Elapsed.TotalSeconds:0.0} s.");

        // Every final exactly once, in order, and nothing applied twice or out of order.
        var finals = applied.Where(c => c.IsSettled).Select(c => c.Text).ToList();
        Assert.Equal(Enumerable.Range(1, FinalsBefore + FinalsAfter).Select(Sentence), finals);
        Assert.Equal(applied.Select(c => c.Seq).Order(), applied.Select(c => c.Seq));
        Assert.Equal(applied.Count, applied.Select(c => c.Seq).Distinct().Count());

        victim.Start();
        await cluster.WaitUntilReadyAsync();
    }

    private static string Sentence(int n) => $"Sentence number {n} is final.";

    private static void Say(CaptionPublisher publisher, int n)
    {
        publisher.Add(OpenAIEvents.UserDelta($"item_{n}", "Sentence ").AsElement());
        publisher.Add(OpenAIEvents.UserCompleted($"item_{n}", Sentence(n)).AsElement());
    }

    private static Task WaitForFinalsAsync(CaptionViewer viewer, int count, TimeSpan timeout) =>
        Eventually.TrueAsync(() => viewer.Segments.Count(s => s.IsSettled) >= count,
            () => $"{count} finals; the viewer has: {string.Join(" | ", viewer.Segments.Select(s => $"{s.Seq}:{s.Kind}:{s.Text}"))}", timeout);
}
