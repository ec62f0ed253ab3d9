using System.Security.Cryptography;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Dev;

/// <summary>
/// Provisions the tenant "dev" with a random signing secret unless it exists. Registered after the silo,
/// so it runs once the (co-hosted) cluster is up. Only /dev/token ever uses the secret.
/// </summary>
public sealed partial class DevTenantSeeder(IGrainFactory grains, ILogger<DevTenantSeeder> logger) : IHostedService
{
    /// <summary>
    /// The defaults, except 10 concurrent sessions: someone trying the product by hand mints secrets they never
    /// use, and should meet the per-minute budget (the 11th request) before the concurrent cap.
    /// </summary>
    public static readonly TenantLimits Limits = TenantLimits.Default with { ConcurrentSessions = 10 };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var definition = new TenantDefinition("Development tenant", secret, null, Limits, [], false);
        var created = await grains.GetGrain<ITenantGrain>(DevOptions.TenantId).CreateIfMissing(definition);
        if (created) LogSeeded(logger, DevOptions.TenantId, Limits);
        else LogKept(logger, DevOptions.TenantId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded tenant '{Tenant}' with limits {Limits}.")]
    private static partial void LogSeeded(ILogger logger, string tenant, TenantLimits limits);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant '{Tenant}' already exists; kept as it is.")]
    private static partial void LogKept(ILogger logger, string tenant);
}
