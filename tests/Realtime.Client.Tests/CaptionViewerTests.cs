using System.Collections.Concurrent;
using Realtime.Client.Transport;
using Realtime.Client.Viewing;
using Realtime.Client.Wire;

namespace Realtime.Client.Tests;

public sealed class CaptionViewerTests
{
    private static Caption C(long seq, string segment = "item_1:0", string kind = "final", string session = "ses_1") =>
        new(session, seq, segment, "user", kind, $"text {seq}");

    [Fact]
    public async Task A_reconnect_watches_again_from_the_last_applied_seq_and_nothing_doubles()
    {
        var transport = new FakeTransport();
        transport.OnWatch = (after, _) => Task.FromResult(new WatchAnswer("live", 2, [C(1, "a"), C(2, "b")]));
        await using var viewer = new CaptionViewer(transport, "ses_1", retryDelay: TimeSpan.FromMilliseconds(10));
        var applied = new ConcurrentQueue<long>();
        viewer.CaptionApplied += c => applied.Enqueue(c.Seq);

        await viewer.StartAsync();
        transport.Send(C(3, "c"));

        // The connection drops and comes back; the server has moved on to 5 meanwhile, and 3 is sent again live.
        var answer = new TaskCompletionSource<WatchAnswer>();
        transport.OnWatch = (_, _) => answer.Task;
        transport.Reconnect();
        await Eventually.TrueAsync(() => transport.WatchCalls.Count == 2, "the second Watch");
        transport.Send(C(5, "e"));
        answer.SetResult(new WatchAnswer("live", 4, [C(3, "c"), C(4, "d")]));

        await Eventually.TrueAsync(() => applied.Count == 5, "five captions applied");
        Assert.Equal([0, 3], transport.WatchCalls);
        Assert.Equal([1, 2, 3, 4, 5], applied);
        Assert.Equal(5, viewer.LastSeq);
    }

    [Fact]
    public async Task A_failing_watch_is_retried_until_answered()
    {
        var transport = new FakeTransport();
        var failures = 2;
        transport.OnWatch = (after, _) => Interlocked.Decrement(ref failures) >= 0
            ? Task.FromException<WatchAnswer>(new TimeoutException("no silo answered"))
            : Task.FromResult(new WatchAnswer("live", 1, [C(1)]));
        await using var viewer = new CaptionViewer(transport, "ses_1", retryDelay: TimeSpan.FromMilliseconds(10));

        await viewer.StartAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(3, transport.WatchCalls.Count);
        Assert.Equal(1, viewer.LastSeq);
        Assert.Equal("live", viewer.State);
    }

    [Theory]
    [InlineData(HubRefusalCodes.NotVisible, "No session 'ses_1' is visible to this token.")]
    [InlineData(HubRefusalCodes.InvalidAfterSeq, "afterSeq must be 0 or more.")]
    public async Task A_refused_watch_ends_start_with_its_code_and_is_not_asked_again(string code, string message)
    {
        var transport = new FakeTransport
        {
            OnWatch = (_, _) => Task.FromResult(new WatchAnswer(null, null, [], new HubRefusal(code, message))),
        };
        await using var viewer = new CaptionViewer(transport, "ses_1", retryDelay: TimeSpan.Zero);

        var refused = await Assert.ThrowsAsync<CaptionRefusedException>(() => viewer.StartAsync());

        Assert.Equal(code, refused.Code);
        Assert.Equal(message, refused.Message);
        Assert.Single(transport.WatchCalls);
        Assert.Null(viewer.State);
        Assert.Equal(0, viewer.LastSeq);
        Assert.Empty(viewer.Segments);
    }

    [Fact]
    public async Task Segments_hold_the_latest_caption_of_each_segment_in_first_seen_order_and_other_sessions_are_ignored()
    {
        var transport = new FakeTransport();
        await using var viewer = new CaptionViewer(transport, "ses_1");
        await viewer.StartAsync();

        transport.Send(C(1, "a", "partial"));
        transport.Send(C(2, "b", "partial"));
        transport.Send(C(3, "a", "final"));
        transport.Send(C(4, "z", session: "ses_other"));
        transport.SendState("ses_1", "ended");

        Assert.Equal(["a:3:final", "b:2:partial"], viewer.Segments.Select(s => $"{s.SegmentId}:{s.Seq}:{s.Kind}"));
        Assert.Equal("ended", viewer.State);
    }
}
