using Realtime.Client.Publishing;
using Realtime.Client.Transport;
using Realtime.Client.Wire;

namespace Realtime.Client.Tests;

public sealed class CaptionPublisherTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Events_are_published_in_order_in_batches_of_at_most_the_maximum()
    {
        var transport = new FakeTransport();
        await using var publisher = new CaptionPublisher(transport, "ses_1", new CaptionPublisherOptions { MaxBatchSize = 3, FlushInterval = Quick });

        for (var n = 1; n <= 7; n++) publisher.Add(Events.Numbered(n));
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Events.Ids(1, 7), transport.Acknowledged);
        Assert.All(transport.PublishAttempts, batch => Assert.InRange(batch.Length, 1, 3));
        Assert.Equal(0, publisher.PendingBatches);
    }

    [Fact]
    public async Task A_failed_batch_is_resent_before_anything_newer_and_nothing_is_lost()
    {
        var transport = new FakeTransport();
        var failures = 3;
        // The loop seals whatever is open each time it wakes, so the batches depend on when it runs. Held inside the
        // first send while events 3 to 6 are added, it can only see them in the batches their size seals.
        var firstSend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.BeforePublish = async (_, _) =>
        {
            firstSend.TrySetResult();
            await allAdded.Task;
            if (Interlocked.Decrement(ref failures) >= 0) throw new InvalidOperationException("The connection is not active.");
        };
        // A flush interval far longer than the test: only the batch size and the loop's wakes seal batches.
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { MaxBatchSize = 2, FlushInterval = TimeSpan.FromMinutes(10), RetryDelay = Quick });

        publisher.Add(Events.Numbered(1));
        publisher.Add(Events.Numbered(2));
        await firstSend.Task.WaitAsync(TimeSpan.FromSeconds(5));
        for (var n = 3; n <= 6; n++) publisher.Add(Events.Numbered(n));
        allAdded.SetResult();
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Events.Ids(1, 6), transport.Acknowledged);
        // The first batch was tried four times (three failures, then the ack) before the second was tried at all.
        Assert.Equal(
            [Events.Ids(1, 2), Events.Ids(1, 2), Events.Ids(1, 2), Events.Ids(1, 2), Events.Ids(3, 4), Events.Ids(5, 6)],
            transport.PublishAttempts.ToArray());
    }

    [Fact]
    public async Task A_batch_lost_with_the_connection_goes_again_as_soon_as_the_connection_is_back()
    {
        var transport = new FakeTransport();
        var down = true;
        transport.BeforePublish = (_, _) => down ? Task.FromException(new IOException("connection lost")) : Task.CompletedTask;
        // A retry delay far longer than the test: only the reconnect can explain a resend.
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { FlushInterval = Quick, RetryDelay = TimeSpan.FromMinutes(10) });

        publisher.Add(Events.Numbered(1));
        await Eventually.TrueAsync(() => transport.PublishAttempts.Count == 1, "the first attempt");
        Assert.Empty(transport.Acknowledged);
        Assert.Equal(1, publisher.PendingBatches);

        down = false;
        transport.Reconnect();
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Events.Ids(1, 1), transport.Acknowledged);
        Assert.Equal(2, transport.PublishAttempts.Count);
    }

    [Fact]
    public async Task Events_added_while_a_batch_is_unacknowledged_follow_it_in_order()
    {
        var transport = new FakeTransport();
        var gate = new TaskCompletionSource();
        var attempts = 0;
        transport.BeforePublish = (_, _) => Interlocked.Increment(ref attempts) == 1
            ? gate.Task.ContinueWith(_ => throw new TimeoutException("the grain did not answer"), TaskScheduler.Default)
            : Task.CompletedTask;
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { FlushInterval = Quick, RetryDelay = Quick });

        publisher.Add(Events.Numbered(1));
        await Eventually.TrueAsync(() => transport.PublishAttempts.Count == 1, "the first attempt in flight");
        publisher.Add(Events.Numbered(2));
        publisher.Add(Events.Numbered(3));
        gate.SetResult();
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Events.Ids(1, 3), transport.Acknowledged);
    }

    [Fact]
    public async Task An_invalid_batch_is_dropped_and_reported_and_later_ones_still_go()
    {
        var transport = new FakeTransport
        {
            Refuse = events => FirstId(events) == "event_0001"
                ? new HubRefusal(HubRefusalCodes.InvalidEvents, "The events were refused: $[0].item_id is missing")
                : null,
        };
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { MaxBatchSize = 1, FlushInterval = Quick, RetryDelay = Quick });
        var refused = new List<(EventBatch Batch, HubRefusal Refusal)>();
        publisher.BatchRefused += (batch, refusal) => refused.Add((batch, refusal));

        publisher.Add(Events.Numbered(1));
        publisher.Add(Events.Numbered(2));
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Events.Ids(2, 2), transport.Acknowledged);
        var (batch, refusal) = Assert.Single(refused);
        Assert.Equal(1, batch.Number);
        Assert.Equal(HubRefusalCodes.InvalidEvents, refusal.Code);
        Assert.Null(publisher.StoppedBy);
    }

    [Fact]
    public async Task A_rate_limited_batch_goes_again_after_the_wait_the_hub_names()
    {
        var refusals = 1;
        var transport = new FakeTransport
        {
            Refuse = _ => Interlocked.Decrement(ref refusals) >= 0
                ? new HubRefusal(HubRefusalCodes.RateLimited, "Too many Publish calls on this connection.", RetryAfterMs: 20)
                : null,
        };
        // RetryDelay far beyond the test's timeout: only the hub's retry-after can bring the batch back in time.
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { MaxBatchSize = 1, FlushInterval = Quick, RetryDelay = TimeSpan.FromHours(1) });
        var refused = 0;
        publisher.BatchRefused += (_, _) => Interlocked.Increment(ref refused);

        publisher.Add(Events.Numbered(1));
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Events.Ids(1, 1), transport.Acknowledged);
        Assert.Equal(2, transport.PublishAttempts.Count);
        Assert.Equal(0, refused);
    }

    [Theory]
    [InlineData(HubRefusalCodes.SessionEnded)]
    [InlineData(HubRefusalCodes.NotOwner)]
    [InlineData(HubRefusalCodes.NotVisible)]
    public async Task A_refusal_no_batch_could_pass_stops_publishing_and_drops_what_is_pending(string code)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new FakeTransport
        {
            BeforePublish = (_, _) => gate.Task,
            Refuse = _ => new HubRefusal(code, "refused"),
        };
        await using var publisher = new CaptionPublisher(transport, "ses_1",
            new CaptionPublisherOptions { MaxBatchSize = 1, FlushInterval = Quick, RetryDelay = Quick });
        var stopped = new List<HubRefusal>();
        publisher.Stopped += stopped.Add;

        publisher.Add(Events.Numbered(1));
        await Eventually.TrueAsync(() => transport.PublishAttempts.Count == 1, "the first attempt in flight");
        publisher.Add(Events.Numbered(2));
        publisher.Add(Events.Numbered(3));
        gate.SetResult();
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));
        publisher.Add(Events.Numbered(4));
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(code, Assert.Single(stopped).Code);
        Assert.Equal(code, publisher.StoppedBy?.Code);
        Assert.Single(transport.PublishAttempts);
        Assert.Empty(transport.Acknowledged);
        Assert.Equal(0, publisher.PendingBatches);
    }

    [Fact]
    public async Task Flushing_with_nothing_added_returns_at_once()
    {
        await using var publisher = new CaptionPublisher(new FakeTransport(), "ses_1");

        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(1));
    }

    private static string? FirstId(IReadOnlyList<System.Text.Json.JsonElement> events) => events[0].GetProperty("event_id").GetString();
}
