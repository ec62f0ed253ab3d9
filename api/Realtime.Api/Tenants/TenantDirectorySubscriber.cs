using Realtime.Api.Hosting;

namespace Realtime.Api.Tenants;

/// <summary>
/// Keeps this node subscribed to the tenant directory (at start, then every <see cref="RenewEvery"/>, well within
/// the directory's subscription lifetime), so tenant changes made through any node take effect here at once. A
/// renewal that fails is retried on the next tick; meanwhile the cache lifetimes bound how stale this node can be.
/// </summary>
public sealed partial class TenantDirectorySubscriber(TenantDirectoryCache directory, NodeIdentity node, ILogger<TenantDirectorySubscriber> logger)
    : BackgroundService
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        do
        {
            try
            {
                await directory.SubscribeAsync(node.Id).WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSubscribeFailed(logger, ex, RenewEvery.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the tenant directory failed; retrying in {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, double seconds);
}
