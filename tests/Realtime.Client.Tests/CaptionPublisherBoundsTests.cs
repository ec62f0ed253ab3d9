using System.Collections.Concurrent;
using System.Text.Json;
using Realtime.Client.Publishing;

namespace Realtime.Client.Tests;

/// <summary>The relay rules on batch size in bytes, finals and the cap on waiting events (docs/design.md §Client relay rules).</summary>
public sealed class CaptionPublisherBoundsTests
{
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_final_caption_event_is_sent_at_once_without_waiting_for_the_flush_interval()
    {
        var transport = new FakeTransport();
        await using var publisher = new CaptionPublisher(transport, "ses_1", new CaptionPublisherOptions { FlushInterval = Never });

        publisher.Add(Events.Numbered(1));
        publisher.Add(Final(2));

        await Eventually.TrueAsync(() => transport.Acknowledged.Count == 2, "the batch the final sealed");
        Assert.Equal(Events.Ids(1, 2), transport.PublishAttempts.Single());
    }

    [Fact]
    public async Task Batches_are_cut_before_they_pass_the_byte_limit()
    {
        var transport = new FakeTransport();
        var size = Events.Numbered(1).GetRawText().Length;
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { FlushInterval = Never, MaxBatchBytes = (2 * size) + 1 });

        for (var n = 1; n <= 5; n++) publisher.Add(Events.Numbered(n));
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Events.Ids(1, 5), transport.Acknowledged);
        // The loop may also seal early when it wakes; what must hold is that no batch passes the limit.
        Assert.All(transport.PublishAttempts, batch => Assert.InRange(batch.Length, 1, 2));
    }

    [Fact]
    public async Task Over_the_cap_the_oldest_waiting_deltas_go_first_and_the_batch_on_its_way_is_kept()
    {
        var transport = new FakeTransport();
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.BeforePublish = async (_, _) =>
        {
            sending.TrySetResult();
            await release.Task;
        };
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { MaxBatchSize = 2, MaxPendingEvents = 4, FlushInterval = Never });
        var dropped = new ConcurrentQueue<string>();
        publisher.Dropped += gone => dropped.Enqueue(gone.GetProperty("event_id").GetString()!);

        publisher.Add(Events.Numbered(1));
        publisher.Add(Events.Numbered(2));
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(5)); // [1, 2] is on its way and held there
        publisher.Add(Events.Numbered(3));
        publisher.Add(Events.Numbered(4));
        publisher.Add(Final(5));
        publisher.Add(Events.Numbered(6));
        release.SetResult();
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["event_0003", "event_0004"], dropped);
        Assert.Equal(2, publisher.DroppedCount);
        Assert.Equal(["event_0001", "event_0002", "event_0005", "event_0006"], transport.Acknowledged);
    }

    [Fact]
    public async Task With_no_delta_waiting_the_oldest_waiting_event_goes_but_never_the_newest()
    {
        var transport = new FakeTransport();
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.BeforePublish = async (_, _) =>
        {
            sending.TrySetResult();
            await release.Task;
        };
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { MaxPendingEvents = 2, FlushInterval = Never });

        publisher.Add(Final(1));
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(5));
        publisher.Add(Final(2));
        publisher.Add(Final(3));
        release.SetResult();
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, publisher.DroppedCount);
        Assert.Equal(["event_0001", "event_0003"], transport.Acknowledged);
    }

    private static JsonElement Final(int n) => OpenAIEvents.UserCompleted("item_1", $"sentence {n}.", eventId: $"event_{n:D4}").AsElement();
}
