namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// Two api nodes, each co-hosting a silo, forming one cluster: a speaker on one node, viewers on both, and
/// session grains placed on either silo.
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    private readonly string _clusterId = "two-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _directory = Directory.CreateTempSubdirectory("realtime-two-nodes-").FullName;

    private string Database => Path.Combine(_directory, "realtime.db");

    public ClusterNodeHost NodeA { get; private set; } = null!;

    public ClusterNodeHost NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        NodeA = new ClusterNodeHost(_clusterId, primarySiloPort: null, Database);
        await NodeA.InitializeAsync();
        NodeB = new ClusterNodeHost(_clusterId, NodeA.SiloPort, Database);
        await NodeB.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await NodeA.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the file is closed before it goes
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TwoNodeCollection : ICollectionFixture<TwoNodeCluster>
{
    public const string Name = "two api nodes";
}
