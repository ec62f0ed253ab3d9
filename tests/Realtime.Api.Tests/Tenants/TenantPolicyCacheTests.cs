using System.Reflection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Realtime.Api.Tenants;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tests.Tenants;

public sealed class TenantPolicyCacheTests
{
    private static readonly TenantPolicy Acme = new("acme", "Acme", new string('s', 31) + "t", null, TenantLimits.Default, ["gpt-realtime"], false, DateTimeOffset.UnixEpoch);

    private static TenantPolicyCache Cache(Cluster cluster, TimeProvider clock, int seconds = 5, int maxEntries = 10_000)
    {
        var options = Options.Create(new TenancyOptions { PolicyCacheSeconds = seconds, PolicyCacheMaxEntries = maxEntries });
        var factory = GrainFactoryStub.For(cluster);
        return new TenantPolicyCache(factory, new TenantDirectoryCache(factory, clock, options), clock, options);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_load()
    {
        var cluster = new Cluster("acme");
        var cache = Cache(cluster, TimeProvider.System, seconds: 0);
        var load = new TaskCompletionSource<TenantPolicy?>();
        cluster.NextPolicy = load.Task;

        var requests = Enumerable.Range(0, 20).Select(_ => cache.GetAsync("acme").AsTask()).ToArray();
        load.SetResult(Acme);
        var loaded = await Task.WhenAll(requests);

        Assert.All(loaded, tenant => Assert.Equal("acme", tenant?.Policy.TenantId));
        Assert.Equal(1, cluster.PolicyCalls);
    }

    [Fact]
    public async Task Unlisted_tenants_cost_no_tenant_grain_call_and_no_entry_and_the_directory_is_asked_at_most_once_a_second()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch + TimeSpan.FromDays(1));
        var cluster = new Cluster("acme");
        var cache = Cache(cluster, clock);

        for (var i = 0; i < 500; i++) Assert.Null(await cache.GetAsync($"made-up-{i}"));

        Assert.Equal(0, cluster.PolicyCalls);
        Assert.Equal(0, cache.Count);
        Assert.Equal(1, cluster.DirectoryCalls);

        clock.Advance(TenantDirectoryCache.MissRefreshInterval);
        Assert.Null(await cache.GetAsync("made-up-again"));
        Assert.Equal(2, cluster.DirectoryCalls);
    }

    [Fact]
    public async Task A_tenant_listed_after_a_miss_is_found_once_the_directory_is_asked_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch + TimeSpan.FromDays(1));
        var cluster = new Cluster();
        var cache = Cache(cluster, clock);
        Assert.Null(await cache.GetAsync("acme"));

        cluster.List("acme");
        cluster.NextPolicy = Task.FromResult<TenantPolicy?>(Acme);
        clock.Advance(TenantDirectoryCache.MissRefreshInterval);

        Assert.Equal("acme", (await cache.GetAsync("acme"))?.Policy.TenantId);
    }

    [Fact]
    public async Task The_cache_holds_at_most_its_maximum_and_a_request_keeps_the_tenant_it_got()
    {
        var ids = Enumerable.Range(0, 50).Select(i => $"t{i}").ToArray();
        var cluster = new Cluster(ids);
        cluster.NextPolicy = Task.FromResult<TenantPolicy?>(Acme);
        var cache = Cache(cluster, TimeProvider.System, maxEntries: 10);

        var first = await cache.GetAsync("t0");
        foreach (var id in ids) Assert.NotNull(await cache.GetAsync(id));

        Assert.InRange(cache.Count, 1, 10);
        Assert.Equal(Acme, first!.Policy); // evicted or not, what a request holds stays usable
    }

    [Fact]
    public async Task A_removed_tenant_is_unknown_at_once()
    {
        var cluster = new Cluster("acme");
        cluster.NextPolicy = Task.FromResult<TenantPolicy?>(Acme);
        var cache = Cache(cluster, TimeProvider.System);
        Assert.NotNull(await cache.GetAsync("acme"));

        cache.Remove("acme");

        Assert.Null(await cache.GetAsync("acme"));
        Assert.Equal(0, cache.Count);
    }

    /// <summary>The two grains the cache talks to: the directory (listing <see cref="List"/>ed ids) and tenant grains.</summary>
    private sealed class Cluster(params string[] listed)
    {
        private Dictionary<string, string[]> _listed = listed.ToDictionary(id => id, _ => Array.Empty<string>());
        private long _version = 1;

        public Task<TenantPolicy?> NextPolicy { get; set; } = Task.FromResult<TenantPolicy?>(null);

        public int PolicyCalls { get; private set; }

        public int DirectoryCalls { get; private set; }

        public void List(string tenantId)
        {
            _listed = new Dictionary<string, string[]>(_listed) { [tenantId] = [] };
            _version++;
        }

        public Task<TenantPolicy?> GetPolicy()
        {
            PolicyCalls++;
            return NextPolicy;
        }

        public Task<TenantDirectory?> GetIfNewer(long known)
        {
            DirectoryCalls++;
            return Task.FromResult(known == _version ? null : new TenantDirectory(_version, _listed));
        }
    }

    public class GrainFactoryStub : DispatchProxy
    {
        private Cluster? _cluster;

        internal static IGrainFactory For(object cluster)
        {
            var factory = Create<IGrainFactory, GrainFactoryStub>();
            ((GrainFactoryStub)(object)factory)._cluster = (Cluster)cluster;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod switch
        {
            { Name: nameof(IGrainFactory.GetGrain), ReturnType: var type } when type == typeof(ITenantGrain) => GrainProxy.For<ITenantGrain>(_cluster!),
            { Name: nameof(IGrainFactory.GetGrain), ReturnType: var type } when type == typeof(ITenantDirectoryGrain) => GrainProxy.For<ITenantDirectoryGrain>(_cluster!),
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }

    public class GrainProxy : DispatchProxy
    {
        private Cluster? _cluster;

        internal static T For<T>(object cluster)
        {
            var grain = Create<T, GrainProxy>();
            ((GrainProxy)(object)grain!)._cluster = (Cluster)cluster;
            return grain;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(ITenantGrain.GetPolicy) => _cluster!.GetPolicy(),
            nameof(ITenantDirectoryGrain.GetIfNewer) => _cluster!.GetIfNewer((long)args![0]!),
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }
}
