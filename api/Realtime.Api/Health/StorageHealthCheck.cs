using Microsoft.Extensions.Diagnostics.HealthChecks;
using Realtime.Shared.Health;
using Realtime.Silo.Hosting;

namespace Realtime.Api.Health;

/// <summary>
/// Healthy when grain storage answers: the storage probe grain reads, writes and reads back its record through the
/// configured provider within <see cref="Timeout"/>. The answer names the provider and the time it took.
/// </summary>
public sealed class StorageHealthCheck(IGrainFactory grains, IConfiguration config, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = RealtimeStorage.ProviderFrom(config);
        var start = time.GetTimestamp();
        try
        {
            await grains.GetGrain<IStorageProbeGrain>(IStorageProbeGrain.Key).Probe().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"{provider} storage: write and read in {time.GetElapsedTime(start).TotalMilliseconds:0} ms.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a provider's message may carry a connection string.
            return HealthCheckResult.Unhealthy($"{provider} storage did not answer: {e.GetType().Name}.");
        }
    }
}
