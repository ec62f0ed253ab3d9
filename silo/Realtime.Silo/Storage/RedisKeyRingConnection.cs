using StackExchange.Redis;

namespace Realtime.Silo.Storage;

/// <summary>
/// The Redis connection of the Data Protection key ring. Owned by the container, so it opens on the first key
/// lookup (not while services are being registered) and closes with the host.
/// </summary>
internal sealed class RedisKeyRingConnection(ConfigurationOptions options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => ConnectionMultiplexer.Connect(options));

    public IDatabase Database => _connection.Value.GetDatabase();

    public void Dispose()
    {
        if (_connection.IsValueCreated) _connection.Value.Dispose();
    }
}
