using Microsoft.Extensions.Configuration;
using Realtime.Silo.Hosting;
using Realtime.Silo.Storage;
using Realtime.Storage.Tests.Infrastructure;

namespace Realtime.Storage.Tests.Restart;

/// <summary>The default provider (no <c>Storage:Provider</c> set): a single process that keeps everything across a restart.</summary>
public sealed class SqliteRestartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Budget_session_and_tenant_survive_a_restart_with_the_key_ring_beside_the_file()
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Sqlite"] = _folder.SqliteConnectionString("data/realtime.db") };
        var scenario = new DurableScenario();
        await using (var first = await SiloHost.StartAsync(settings, "sqlite-restart"))
        {
            await scenario.WriteAsync(first.Grains);
        }

        Assert.True(File.Exists(_folder.Combine("data/realtime.db")));
        Assert.NotEmpty(Directory.GetFiles(_folder.Combine("data/keys"), "key-*.xml"));

        await using var second = await SiloHost.StartAsync(settings, "sqlite-restart");
        await scenario.AssertSurvivedAsync(second.Grains);
    }

    [Fact]
    public void The_default_file_is_data_realtime_db_with_the_keys_beside_it()
    {
        var database = SqliteDatabase.From(new ConfigurationBuilder().Build());

        Assert.Equal(Path.GetFullPath("data/realtime.db"), database.FilePath);
        Assert.Equal(Path.GetFullPath("data/keys"), database.KeyRingDirectory);
        Assert.Equal(RealtimeStorage.Sqlite, RealtimeStorage.DefaultProvider);
    }

    public void Dispose() => _folder.Dispose();
}
