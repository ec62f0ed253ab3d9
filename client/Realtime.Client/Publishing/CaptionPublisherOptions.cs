namespace Realtime.Client.Publishing;

/// <summary>How <see cref="CaptionPublisher"/> batches and retries.</summary>
public sealed record CaptionPublisherOptions
{
    /// <summary>A batch is sealed and sent once it has this many events.</summary>
    public int MaxBatchSize { get; init; } = 50;

    /// <summary>A batch is sealed before its events' JSON would pass this many characters, well under the hub's message cap.</summary>
    public int MaxBatchBytes { get; init; } = 512 * 1024;

    /// <summary>
    /// At most this many unacknowledged events wait (minutes of a hub outage at usual rates); past it the oldest
    /// waiting delta is dropped, else the oldest waiting event (<see cref="CaptionPublisher.Dropped"/>).
    /// </summary>
    public int MaxPendingEvents { get; init; } = 10_000;

    /// <summary>An event waits at most this long for others to join its batch (deltas arrive many a second).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The pause after a failed send before the same batch is tried again (a reconnect retries at once).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
