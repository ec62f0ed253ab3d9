using Microsoft.Extensions.Options;

namespace Realtime.Api.Hosting;

/// <summary>
/// Client mode: while no gateway answers (silos not up yet, or all restarting) the client keeps trying instead
/// of failing the host's start. Only the first connection needs this: once connected, Orleans re-reads the
/// gateway list from Redis and reconnects on its own, and calls meanwhile fail fast with a 503.
/// </summary>
public sealed partial class ClusterConnectionRetryFilter(IOptions<OrleansOptions> options, ILogger<ClusterConnectionRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var pause = TimeSpan.FromSeconds(Math.Max(1, options.Value.ConnectRetrySeconds));
        // Quiet after the first few: a cluster that takes minutes to come up should not flood the log.
        if (attempt <= 3 || attempt % 30 == 0)
            LogNoGateway(logger, attempt, pause.TotalSeconds, exception.Message);
        try
        {
            await Task.Delay(pause, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false; // the host is stopping
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo gateway answered (attempt {Attempt}); retrying in {Pause} s. {Error}")]
    private static partial void LogNoGateway(ILogger logger, int attempt, double pause, string error);
}
