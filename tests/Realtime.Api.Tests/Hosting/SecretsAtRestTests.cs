using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Hosting;

/// <summary>
/// The SQLite store and the key ring beside it are the owner's alone (0700 folders, 0600 files), and with
/// DataProtection:CertificatePath the ring's keys are written encrypted; without it, one startup warning says so.
/// </summary>
public sealed class SecretsAtRestTests : IDisposable
{
    private const string Unencrypted = "The Data Protection key ring is stored unencrypted";
    private readonly string _directory = Directory.CreateTempSubdirectory("realtime-at-rest-").FullName;

    private string Data => Path.Combine(_directory, "data");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_store_and_the_key_ring_are_owner_only_and_one_warning_names_the_certificate_setting()
    {
        var host = Node([]);
        await host.InitializeAsync();
        try
        {
            await host.ProvisionTenantAsync("atrest"); // encrypts its secrets: the ring gets a key

            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Data));
            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(Path.Combine(Data, "keys")));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "realtime.db")));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "realtime.db.lock")));
            // SQLite gives its WAL files the database file's mode; they exist while a connection is open.
            using (var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Data, "realtime.db")};Pooling=False"))
            {
                reader.Open();
                using var read = reader.CreateCommand();
                read.CommandText = "SELECT count(*) FROM sqlite_master";
                read.ExecuteScalar();
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "realtime.db-wal")));
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Data, "realtime.db-shm")));
            }
            var warning = Assert.Single(host.Logs.Lines, l => l.Contains(Unencrypted, StringComparison.Ordinal));
            Assert.StartsWith("Warning", warning);
            Assert.Contains("DataProtection:CertificatePath", warning);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_configured_certificate_encrypts_the_key_ring_and_decrypts_it_after_a_restart()
    {
        var certificate = Path.Combine(_directory, "keyring.pfx");
        WriteSelfSignedCertificate(certificate, "pfx-password");
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = certificate,
            ["DataProtection:CertificatePassword"] = "pfx-password",
            ["Emulator:Enabled"] = "true",
        };
        string secret;
        var first = Node(settings);
        await first.InitializeAsync();
        try
        {
            secret = await first.ProvisionTenantAsync("sealed");
            Assert.DoesNotContain(first.Logs.Lines, l => l.Contains(Unencrypted, StringComparison.Ordinal));
        }
        finally
        {
            await first.DisposeAsync();
        }

        var key = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(Data, "keys"), "key-*.xml")));
        Assert.Contains("encryptedSecret", key);
        Assert.Contains("EncryptedData", key);
        Assert.DoesNotContain("<value>", key); // the raw master key element of an unprotected ring

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var second = Node(settings);
        await second.InitializeAsync();
        try
        {
            // The tenant's signing secret, stored encrypted with that ring, still verifies its users' tokens.
            await HttpAssert.OkAsync(await second.RequestTokenAsync(TestJwt.Create(secret, "sealed", "alice")));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private ConfiguredApiHost Node(Dictionary<string, string?> settings) => new("Production", new Dictionary<string, string?>(settings)
    {
        ["Storage:Provider"] = "Sqlite",
        ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(Data, "realtime.db")}",
    });

    private static void WriteSelfSignedCertificate(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=realtime key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
