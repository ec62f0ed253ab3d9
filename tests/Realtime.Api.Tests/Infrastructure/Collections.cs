namespace Realtime.Api.Tests.Infrastructure;

// One host per collection: the classes of a collection share it (and run one after another).

[CollectionDefinition(Name)]
public sealed class DevCollection : ICollectionFixture<DevApiHost>
{
    public const string Name = "dev api";
}

[CollectionDefinition(Name)]
public sealed class StubbedCollection : ICollectionFixture<StubbedApiHost>
{
    public const string Name = "stubbed upstream";
}

[CollectionDefinition(Name)]
public sealed class UnreachableCollection : ICollectionFixture<UnreachableApiHost>
{
    public const string Name = "unreachable upstream";
}

/// <summary>
/// /metrics, /healthz and /dashboard. Not run beside other collections: every host in the test process that is
/// alive at once would feed the same meter names, and the viewer gauge is read exactly.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection : ICollectionFixture<StubbedApiHost>
{
    public const string Name = "observability";
}
