namespace Realtime.Api.Tokens;

/// <summary>Drives <see cref="TenantRateGate.ReportAsync"/> once a second; a failed round is retried next second.</summary>
public sealed partial class TenantUsageReporter(TenantRateGate gate, ILogger<TenantUsageReporter> logger) : BackgroundService
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
                LogReportFailed(logger, Interval, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting tenant usage failed, retrying in {Interval}: {Error}")]
    private static partial void LogReportFailed(ILogger logger, TimeSpan interval, string error);
}
