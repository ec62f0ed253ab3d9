using Microsoft.AspNetCore.SignalR.Client;

namespace Realtime.Client.Transport;

/// <summary>
/// Reconnects for as long as it takes: SignalR's default gives up after four tries, but a speaker's batches and a
/// viewer's watch must survive an api node restarting. Quick at first, then every <see cref="MaxDelay"/>.
/// </summary>
public sealed class ForeverRetryPolicy : IRetryPolicy
{
    private static readonly TimeSpan[] FirstDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        var attempt = (int)Math.Min(retryContext.PreviousRetryCount, int.MaxValue);
        return attempt < FirstDelays.Length && FirstDelays[attempt] < MaxDelay ? FirstDelays[attempt] : MaxDelay;
    }
}
