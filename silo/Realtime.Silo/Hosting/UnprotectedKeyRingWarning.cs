using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Realtime.Silo.Hosting;

/// <summary>The one startup warning that the persisted key ring is not encrypted at rest, and how to fix it.</summary>
public sealed partial class UnprotectedKeyRingWarning(ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogUnprotected(logger, KeyRingCertificate.PathKey, KeyRingCertificate.PasswordKey);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Data Protection key ring is stored unencrypted; anyone who can read it can decrypt the tenants' stored secrets. Set {PathKey} (a PKCS#12 file) and {PasswordKey} to protect it with a certificate.")]
    private static partial void LogUnprotected(ILogger logger, string pathKey, string passwordKey);
}
