namespace Realtime.Api.Tokens;

/// <summary>Drives <see cref="TenantRateGate.ReportAsync"/> once a second; a failed round is retried next second.</summary>
public sealed class TenantUsageReporter(TenantRateGate gate, ILogger<TenantUsageReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await gate.ReportAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Reporting tenant usage failed, retrying in {Interval}: {Error}", Interval, e.Message);
            }
        }
    }
}
