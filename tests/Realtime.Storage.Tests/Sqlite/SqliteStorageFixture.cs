using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Realtime.Silo.Storage;
using Realtime.Silo.Users;
using Realtime.Storage.Tests.Infrastructure;

namespace Realtime.Storage.Tests.Sqlite;

/// <summary>A <see cref="SqliteGrainStorage"/> on a file in a temp folder, with the Orleans serializer it needs and no silo.</summary>
public sealed class SqliteStorageFixture : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(UserRecord).Assembly))
        .BuildServiceProvider();

    private readonly List<SqliteDatabase> _databases = [];

    public TempFolder Folder { get; } = new();

    /// <summary>A storage on the folder's database, as a silo would open it on start (a new one each call, as after a restart).</summary>
    public async Task<SqliteGrainStorage> OpenAsync(string file = "db/realtime.db")
    {
        var database = new SqliteDatabase(Folder.SqliteConnectionString(file));
        _databases.Add(database);
        var storage = new SqliteGrainStorage("test", database, _services.GetRequiredService<Serializer>(),
            _services.GetRequiredService<IActivatorProvider>(), TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        await storage.Init();
        return storage;
    }

    public void Dispose()
    {
        foreach (var database in _databases) database.Dispose();
        _services.Dispose();
        Folder.Dispose();
    }
}
