using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Realtime.Silo.Hosting;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Tests.Hosting;

public sealed class RealtimeSiloBuilderExtensionsTests
{
    private static IConfiguration Config(string? provider, string? redis = null) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [RealtimeStorage.ProviderKey] = provider,
            ["ConnectionStrings:Redis"] = redis,
        })
        .Build();

    private static bool HasRealtimeStorage(StubSiloBuilder silo) =>
        silo.Services.Any(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, RealtimeStorage.Name));

    [Theory]
    [InlineData("Memory")]
    [InlineData("memory")]
    public void Memory_storage_is_registered_under_the_realtime_name(string provider)
    {
        var silo = new StubSiloBuilder();

        silo.AddRealtimeGrains(Config(provider));

        Assert.True(HasRealtimeStorage(silo));
        Assert.DoesNotContain(silo.Services, d => d.ServiceType == typeof(SqliteDatabase));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("SQLITE")]
    public void Sqlite_is_the_default_and_registers_state_and_reminders(string? provider)
    {
        var silo = new StubSiloBuilder();

        silo.AddRealtimeGrains(Config(provider));

        Assert.True(HasRealtimeStorage(silo));
        Assert.Contains(silo.Services, d => d.ServiceType == typeof(SqliteDatabase));
        Assert.Contains(silo.Services, d => d.ServiceType == typeof(IReminderTable) && d.ImplementationType == typeof(SqliteReminderTable));
    }

    [Fact]
    public void Redis_is_registered_without_connecting_yet()
    {
        var silo = new StubSiloBuilder();

        silo.AddRealtimeGrains(Config("Redis", redis: "127.0.0.1:1"));

        Assert.True(HasRealtimeStorage(silo));
    }

    [Fact]
    public void Redis_without_a_connection_string_fails_at_startup_naming_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StubSiloBuilder().AddRealtimeGrains(Config("Redis")));

        Assert.Contains("ConnectionStrings:Redis", error.Message);
    }

    [Fact]
    public void Data_protection_and_the_system_clock_are_registered()
    {
        var silo = new StubSiloBuilder();

        silo.AddRealtimeGrains(Config("Memory"));

        Assert.Contains(silo.Services, d => d.ServiceType == typeof(IDataProtectionProvider));
        Assert.Contains(silo.Services, d => d.ServiceType == typeof(TimeProvider) && d.ImplementationInstance == TimeProvider.System);
    }

    [Theory]
    [InlineData("Cassandra")]
    [InlineData("Postgres")]
    public void An_unsupported_provider_fails_at_startup_naming_the_valid_values(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StubSiloBuilder().AddRealtimeGrains(Config(provider)));

        Assert.Contains($"'{provider}'", error.Message);
        Assert.Contains("Valid values: Sqlite, Redis, Memory", error.Message);
    }
}
