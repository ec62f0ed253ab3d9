using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Silo.Hosting;
using Realtime.Storage.Tests.Infrastructure;

namespace Realtime.Storage.Tests.Restart;

/// <summary><c>Storage:Provider=Redis</c> against a real redis-server: state and key ring outlive every host.</summary>
public sealed class RedisRestartTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private readonly string _serviceId = "storage-tests-" + Guid.NewGuid().ToString("N")[..8];

    private Dictionary<string, string?> Settings() => new()
    {
        [RealtimeStorage.ProviderKey] = RealtimeStorage.Redis,
        ["ConnectionStrings:Redis"] = redis.ConnectionString,
    };

    [Fact]
    public async Task Budget_session_and_tenant_survive_a_full_restart_and_the_key_decrypts_on_the_next_host()
    {
        var scenario = new DurableScenario();
        await using (var first = await SiloHost.StartAsync(Settings(), _serviceId))
        {
            await scenario.WriteAsync(first.Grains);
        }

        // The ring is in Redis, not in a folder of this machine that the next host would also happen to find.
        Assert.True(await redis.ListLengthAsync(RedisKeyRing) > 0);

        // A new host: new container, new Data Protection instance, nothing in memory from the first one.
        await using var second = await SiloHost.StartAsync(Settings(), _serviceId);
        await scenario.AssertSurvivedAsync(second.Grains);
    }

    [Fact]
    public async Task A_node_that_is_not_a_silo_reads_the_same_key_ring()
    {
        string ciphertext;
        await using (var silo = await SiloHost.StartAsync(Settings(), _serviceId))
        {
            ciphertext = Protector(silo.Services).Protect("tenant secret");
        }

        // What an api node in client mode does: only AddRealtimeDataProtection, same configuration.
        var config = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddRealtimeDataProtection(config);
        await using var api = services.BuildServiceProvider();

        Assert.Equal("tenant secret", Protector(api).Unprotect(ciphertext));
    }

    private const string RedisKeyRing = "realtime:dataprotection-keys";

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Realtime.Storage.Tests");
}
