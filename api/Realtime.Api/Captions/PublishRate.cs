using System.Threading.RateLimiting;

namespace Realtime.Api.Captions;

/// <summary>
/// One hub connection's Publish budget: a token bucket of <see cref="CaptionOptions.PublishBurst"/> refilled at
/// <see cref="CaptionOptions.PublishPerSecond"/>, kept in the connection's items for its lifetime.
/// </summary>
public sealed class PublishRate : IDisposable
{
    private readonly TokenBucketRateLimiter? _bucket;

    public PublishRate(CaptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PerSecond = options.PublishPerSecond;
        if (PerSecond <= 0) return;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(PerSecond, options.PublishBurst),
            TokensPerPeriod = PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public int PerSecond { get; }

    /// <summary>
    /// Takes one Publish from the budget; false when it is spent, with how long until a token is back (so the
    /// client knows when to send the batch again).
    /// </summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_bucket is null) return true;
        using var lease = _bucket.AttemptAcquire();
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1.0 / PerSecond);
        return false;
    }

    public void Dispose() => _bucket?.Dispose();
}
