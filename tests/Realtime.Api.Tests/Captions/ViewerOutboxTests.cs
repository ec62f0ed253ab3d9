using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Api.Captions;
using Realtime.Shared.Captions;

namespace Realtime.Api.Tests.Captions;

/// <summary>
/// <see cref="ViewerOutbox"/> writing <see cref="ViewerMessage"/>s to SignalR's own connection context: the wire
/// shape of the hub's <c>Caption</c> (docs/design.md §Server messages), one serialization per message however many viewers, order, coalescing of
/// partials under backpressure without ever losing a final, and the disconnect of a viewer stuck too far behind.
/// </summary>
public sealed class ViewerOutboxTests
{
    private static CaptionUpdate Update(long seq, string segment, string kind, string text) =>
        new("ses_test", seq, segment, CaptionRole.User, kind, text, null, null);

    [Fact]
    public async Task A_caption_goes_out_in_the_hub_contract_shape()
    {
        var viewer = new PipeHubConnection("c1", new JsonHubProtocol());
        var outbox = new ViewerOutbox(viewer.Context, 100, NullLogger.Instance);

        outbox.Enqueue(ViewerMessage.Caption(new CaptionUpdate("ses_test", 7, "item_1:0", CaptionRole.User, CaptionKind.Final, "hello", 120, 900, "item_1", "item_0", "Ann")));
        outbox.Enqueue(ViewerMessage.State(new SessionStateMessage("ses_test", "ended")));

        var records = await viewer.ReadRecordsAsync(2);
        Assert.Equal(1, records[0].GetProperty("type").GetInt32());
        Assert.Equal("Caption", records[0].GetProperty("target").GetString());
        var update = Assert.Single(records[0].GetProperty("arguments").EnumerateArray());
        Assert.Equal(["sessionId", "seq", "segmentId", "role", "kind", "text", "startMs", "endMs", "itemId", "previousItemId", "speaker"],
            update.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(("item_1", "item_0", "Ann"),
            (update.GetProperty("itemId").GetString(), update.GetProperty("previousItemId").GetString(), update.GetProperty("speaker").GetString()));
        Assert.Equal(7, update.GetProperty("seq").GetInt64());
        Assert.Equal("hello", update.GetProperty("text").GetString());
        Assert.Equal(120, update.GetProperty("startMs").GetInt64());
        Assert.Equal("SessionState", records[1].GetProperty("target").GetString());
        var state = Assert.Single(records[1].GetProperty("arguments").EnumerateArray());
        Assert.Equal("ended", state.GetProperty("state").GetString());
        Assert.Equal("ses_test", state.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task A_message_for_many_viewers_is_serialized_once()
    {
        var protocol = new CountingHubProtocol();
        var viewers = Enumerable.Range(0, 3).Select(i => new PipeHubConnection($"c{i}", protocol)).ToList();
        var outboxes = viewers.Select(v => new ViewerOutbox(v.Context, 100, NullLogger.Instance)).ToList();
        var message = ViewerMessage.Caption(Update(1, "item_1:0", CaptionKind.Final, "once"));

        foreach (var outbox in outboxes) outbox.Enqueue(message);

        foreach (var viewer in viewers)
            Assert.Equal("once", (await viewer.ReadRecordsAsync(1))[0].GetProperty("arguments")[0].GetProperty("text").GetString());
        Assert.Equal(1, protocol.Serialized);
    }

    [Fact]
    public async Task A_slow_viewer_skips_waiting_partials_but_gets_every_final_in_order()
    {
        var viewer = new PipeHubConnection("c1", new JsonHubProtocol(), pauseAt: 1024);
        var outbox = new ViewerOutbox(viewer.Context, 100, NullLogger.Instance);

        // Larger than the pipe takes unread: its write waits for the viewer, and what follows queues up.
        outbox.Enqueue(ViewerMessage.Caption(Update(1, "item_0:0", CaptionKind.Final, new string('x', 4096))));
        outbox.Enqueue(ViewerMessage.Caption(Update(2, "item_1:0", CaptionKind.Partial, "a")));
        outbox.Enqueue(ViewerMessage.Caption(Update(3, "item_1:0", CaptionKind.Partial, "ab")));
        outbox.Enqueue(ViewerMessage.Caption(Update(4, "item_2:0", CaptionKind.Final, "two")));
        outbox.Enqueue(ViewerMessage.Caption(Update(5, "item_1:0", CaptionKind.Partial, "abc")));
        outbox.Enqueue(ViewerMessage.Caption(Update(6, "item_1:0", CaptionKind.Final, "abcd")));
        outbox.Enqueue(ViewerMessage.Caption(Update(7, "item_3:0", CaptionKind.Partial, "x")));

        var received = (await viewer.ReadRecordsAsync(5)).Select(r => r.GetProperty("arguments")[0]).ToList();
        Assert.Equal([1L, 4, 5, 6, 7], received.Select(u => u.GetProperty("seq").GetInt64()).ToArray());
        Assert.Equal(["two", "abc", "abcd", "x"], received.Skip(1).Select(u => u.GetProperty("text").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_viewer_stuck_beyond_the_limit_is_disconnected()
    {
        var viewer = new PipeHubConnection("c1", new JsonHubProtocol(), pauseAt: 1024);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        viewer.Context.ConnectionAborted.Register(() => aborted.TrySetResult());
        var outbox = new ViewerOutbox(viewer.Context, maxPending: 2, NullLogger.Instance);

        outbox.Enqueue(ViewerMessage.Caption(Update(1, "item_0:0", CaptionKind.Final, new string('x', 4096))));
        for (var seq = 2; seq <= 4; seq++) outbox.Enqueue(ViewerMessage.Caption(Update(seq, $"item_{seq}:0", CaptionKind.Final, "final")));

        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
