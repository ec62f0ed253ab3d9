using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Realtime.Silo.Hosting;

/// <summary>
/// The certificate that encrypts the Data Protection key ring at rest (<c>DataProtection:CertificatePath</c>, a
/// PKCS#12 file, and <c>DataProtection:CertificatePassword</c>). Without it the ring's keys are stored in the clear,
/// and whoever reads the key folder or Redis can decrypt every tenant's stored secrets.
/// </summary>
public static class KeyRingCertificate
{
    public const string PathKey = "DataProtection:CertificatePath";

    public const string PasswordKey = "DataProtection:CertificatePassword";

    /// <summary>The configured certificate, or null when none is configured. An unreadable one stops startup.</summary>
    public static X509Certificate2? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[PathKey];
        if (string.IsNullOrWhiteSpace(path)) return null;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordKey], X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey
                ? certificate
                : throw new StartupRefusedException($"{PathKey} {path} holds no private key; the key ring cannot be decrypted with it.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new StartupRefusedException($"{PathKey} {path} cannot be loaded ({e.Message}); check the file and {PasswordKey}.");
        }
    }
}
