namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// Two api nodes, each co-hosting a silo, forming one cluster: a speaker on one node, viewers on both, and
/// session grains placed on either silo.
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    private readonly string _clusterId = "two-" + Guid.NewGuid().ToString("N")[..8];

    public ClusterNodeHost NodeA { get; private set; } = null!;

    public ClusterNodeHost NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        NodeA = new ClusterNodeHost(_clusterId, primarySiloPort: null);
        await NodeA.InitializeAsync();
        NodeB = new ClusterNodeHost(_clusterId, NodeA.SiloPort);
        await NodeB.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await NodeA.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class TwoNodeCollection : ICollectionFixture<TwoNodeCluster>
{
    public const string Name = "two api nodes";
}
