using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

        silo.AddRealtimeStorage(configuration[RealtimeStorage.ProviderKey]);

        // Tenant secrets are encrypted at rest with this key ring; every silo of a cluster must share it.
        silo.Services.AddDataProtection().SetApplicationName("Realtime.Orleans");

        // Grains read time only through this, so tests can substitute a fake clock (Orleans adds the same default).
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }

    // The single seam for storage providers: Sqlite and Redis become two more cases here.
    private static void AddRealtimeStorage(this ISiloBuilder silo, string? provider)
    {
        provider = string.IsNullOrWhiteSpace(provider) ? RealtimeStorage.Memory : provider.Trim();
        switch (provider.ToLowerInvariant())
        {
            case "memory":
                silo.AddMemoryGrainStorage(RealtimeStorage.Name);
                break;
            default:
                throw new InvalidOperationException(
                    $"{RealtimeStorage.ProviderKey} '{provider}' is not supported. " +
                    $"Valid values: {string.Join(", ", RealtimeStorage.Providers)}.");
        }
    }
}
