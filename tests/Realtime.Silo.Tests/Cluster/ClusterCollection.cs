namespace Realtime.Silo.Tests.Cluster;

/// <summary>Every cluster test shares one <see cref="ClusterFixture"/> and runs one at a time (the clock is shared).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
