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
/// /metrics, /healthz and /dashboard. Not run beside other collections: the viewer gauge is read exactly, and other
/// collections' requests would move the figures read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection : ICollectionFixture<StubbedApiHost>
{
    public const string Name = "observability";
}

/// <summary>
/// <c>realtime_calls_total</c> on a host of its own, run alone like <see cref="ObservabilityCollection"/>: the
/// figures it reads are moved by its own requests only.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CallMetricsCollection : ICollectionFixture<StubbedApiHost>
{
    public const string Name = "call metrics";
}
