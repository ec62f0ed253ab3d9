using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Silo.Sessions;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Hosting;

/// <summary>
/// Everything a silo needs to host the Realtime grains. The standalone host and the api's co-hosted silo both
/// call this, so the two can never drift apart. Clustering is the caller's business.
/// </summary>
public static class RealtimeSiloBuilderExtensions
{
    public static ISiloBuilder AddRealtimeGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);

        silo.AddRealtimeStorage(configuration);

        // Tenant secrets are encrypted at rest with this key ring; every silo of a cluster must share it.
        silo.Services.AddRealtimeDataProtection(configuration);

        // Session timings from the section "Sessions" (Sessions:IdleTimeoutSeconds, Sessions:SubscriptionLifetimeSeconds).
        silo.Services.AddOptions<SessionOptions>()
            .Bind(configuration.GetSection(SessionOptions.Section))
            .Validate(o => o.IdleTimeoutSeconds > 0 && o.SubscriptionLifetimeSeconds > 0,
                $"{SessionOptions.Section}:{nameof(SessionOptions.IdleTimeoutSeconds)} and " +
                $"{SessionOptions.Section}:{nameof(SessionOptions.SubscriptionLifetimeSeconds)} must be positive.")
            .ValidateOnStart();

        // Sessions by state on the meter "Realtime.Orleans" (exported by the api's /metrics when co-hosted).
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<SessionCensus>();

        // User grains issue sessions straight into the session grains' storage (no activation per mint).
        silo.Services.TryAddSingleton<DirectStates>();
        silo.Services.TryAddSingleton<SessionIssuer>();

        // Grains read time only through this, so tests can substitute a fake clock (Orleans adds the same default).
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }

    // The single seam for storage providers: one small type per provider in Storage/.
    private static void AddRealtimeStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        switch (RealtimeStorage.ProviderFrom(configuration))
        {
            case RealtimeStorage.Sqlite:
                SqliteStorage.AddTo(silo, configuration);
                break;
            case RealtimeStorage.Redis:
                RedisStorage.AddTo(silo, configuration);
                break;
            default:
                MemoryStorage.AddTo(silo);
                break;
        }
    }
}
