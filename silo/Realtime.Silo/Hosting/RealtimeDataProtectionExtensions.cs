using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Hosting;

/// <summary>
/// The Data Protection key ring that encrypts tenant secrets at rest. Every process of a deployment (silos,
/// api nodes) must call this with the same configuration: a secret encrypted by one node then decrypts on
/// every other, and after a restart. Where the ring lives follows <c>Storage:Provider</c>; a persisted ring is
/// encrypted with the certificate of <see cref="KeyRingCertificate"/> when one is configured.
/// </summary>
public static class RealtimeDataProtectionExtensions
{
    /// <summary>Isolates this product's keys from other apps sharing the same store; changing it orphans stored secrets.</summary>
    public const string ApplicationName = "Realtime.Orleans";

    public static IDataProtectionBuilder AddRealtimeDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        switch (RealtimeStorage.ProviderFrom(configuration))
        {
            case RealtimeStorage.Redis:
                RedisStorage.PersistKeys(dataProtection, configuration);
                break;
            case RealtimeStorage.Sqlite:
                SqliteStorage.PersistKeys(dataProtection, configuration);
                break;
            default:
                return dataProtection; // Memory: the framework's default ring (tests replace it with an ephemeral one).
        }

        if (KeyRingCertificate.From(configuration) is { } certificate) dataProtection.ProtectKeysWithCertificate(certificate);
        else services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UnprotectedKeyRingWarning>());
        return dataProtection;
    }
}
