using System.Reflection;
using Microsoft.Extensions.Options;
using Realtime.Api.Tenants;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tests.Tenants;

public sealed class TenantPolicyCacheTests
{
    [Fact]
    public async Task While_a_reload_is_in_flight_the_key_of_the_previous_load_is_still_there()
    {
        var grain = new TenantGrainStub();
        var cache = new TenantPolicyCache(GrainFactoryStub.For(grain), TimeProvider.System,
            Options.Create(new TenancyOptions { PolicyCacheSeconds = 0 })); // every GetAsync reloads
        var policy = new TenantPolicy("acme", "Acme", new string('s', 32), null, TenantLimits.Default, ["gpt-realtime"], false, DateTimeOffset.UnixEpoch);

        grain.Next = Task.FromResult<TenantPolicy?>(policy);
        Assert.Equal("acme", (await cache.GetAsync("acme"))?.Policy.TenantId);

        var reload = new TaskCompletionSource<TenantPolicy?>();
        grain.Next = reload.Task;
        var reloading = cache.GetAsync("acme").AsTask();

        // Another request that loaded the tenant a moment ago resolves its key now: still found.
        Assert.Equal("acme", cache.Peek("acme")?.Policy.TenantId);

        reload.SetResult(policy with { Name = "Acme 2" });
        await reloading;
        Assert.Equal("Acme 2", cache.Peek("acme")?.Policy.Name);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_load_and_all_find_the_key_afterwards()
    {
        var grain = new TenantGrainStub();
        var cache = new TenantPolicyCache(GrainFactoryStub.For(grain), TimeProvider.System,
            Options.Create(new TenancyOptions { PolicyCacheSeconds = 0 }));
        var load = new TaskCompletionSource<TenantPolicy?>();
        grain.Next = load.Task;

        var requests = Enumerable.Range(0, 20).Select(_ => cache.GetAsync("acme").AsTask()).ToArray();
        load.SetResult(new TenantPolicy("acme", "Acme", new string('s', 32), null, TenantLimits.Default, [], false, DateTimeOffset.UnixEpoch));
        var loaded = await Task.WhenAll(requests);

        Assert.All(loaded, tenant => Assert.Equal("acme", tenant?.Policy.TenantId));
        Assert.Equal(1, grain.Calls);
        Assert.Equal("acme", cache.Peek("acme")?.Policy.TenantId);
    }

    private sealed class TenantGrainStub
    {
        private Task<TenantPolicy?> _next = Task.FromResult<TenantPolicy?>(null);

        public int Calls { get; private set; }

        public Task<TenantPolicy?> Next
        {
            get
            {
                Calls++;
                return _next;
            }
            set => _next = value;
        }
    }

    // Only GetGrain<ITenantGrain>(id).GetPolicy() is used by the cache.
    public class GrainFactoryStub : DispatchProxy
    {
        private object? _grain;

        internal static IGrainFactory For(object stub)
        {
            var factory = Create<IGrainFactory, GrainFactoryStub>();
            ((GrainFactoryStub)(object)factory)._grain = TenantGrainProxy.For(stub);
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IGrainFactory.GetGrain) ? _grain : throw new NotSupportedException(targetMethod?.Name);
    }

    public class TenantGrainProxy : DispatchProxy
    {
        private object? _stub;

        internal static ITenantGrain For(object stub)
        {
            var grain = Create<ITenantGrain, TenantGrainProxy>();
            ((TenantGrainProxy)(object)grain)._stub = stub;
            return grain;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(ITenantGrain.GetPolicy) ? ((TenantGrainStub)_stub!).Next : throw new NotSupportedException(targetMethod?.Name);
    }
}
