namespace Realtime.Client.Publishing;

/// <summary>How <see cref="CaptionPublisher"/> batches and retries.</summary>
public sealed class CaptionPublisherOptions
{
    /// <summary>A batch is sealed and sent once it has this many events.</summary>
    public int MaxBatchSize { get; init; } = 50;

    /// <summary>An event waits at most this long for others to join its batch (deltas arrive many a second).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The pause after a failed send before the same batch is tried again (a reconnect retries at once).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
