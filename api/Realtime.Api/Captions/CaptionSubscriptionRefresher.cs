using Microsoft.Extensions.Options;

namespace Realtime.Api.Captions;

/// <summary>Renews the node's caption subscriptions periodically, so session grains keep (or regain) it as a subscriber.</summary>
public sealed class CaptionSubscriptionRefresher(CaptionFanout fanout, IOptions<CaptionOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.SubscriptionRefreshSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            await fanout.RefreshAsync(stoppingToken);
    }
}
