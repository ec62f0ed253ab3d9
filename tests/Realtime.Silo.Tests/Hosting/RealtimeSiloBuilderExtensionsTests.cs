using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Tests.Hosting;

public sealed class RealtimeSiloBuilderExtensionsTests
{
    private static IConfiguration Config(string? provider) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [RealtimeStorage.ProviderKey] = provider })
        .Build();

    [Theory]
    [InlineData(null)]
    [InlineData("Memory")]
    [InlineData("memory")]
    public void Memory_storage_is_registered_under_the_realtime_name(string? provider)
    {
        var silo = new StubSiloBuilder();

        silo.AddRealtimeGrains(Config(provider));

        Assert.Contains(silo.Services, d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, RealtimeStorage.Name));
    }

    [Fact]
    public void Data_protection_and_the_system_clock_are_registered()
    {
        var silo = new StubSiloBuilder();

        silo.AddRealtimeGrains(Config(null));

        Assert.Contains(silo.Services, d => d.ServiceType == typeof(IDataProtectionProvider));
        Assert.Contains(silo.Services, d => d.ServiceType == typeof(TimeProvider) && d.ImplementationInstance == TimeProvider.System);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Cassandra")]
    public void An_unsupported_provider_fails_at_startup_naming_the_valid_values(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StubSiloBuilder().AddRealtimeGrains(Config(provider)));

        Assert.Contains($"'{provider}'", error.Message);
        Assert.Contains("Valid values: Memory", error.Message);
    }
}
