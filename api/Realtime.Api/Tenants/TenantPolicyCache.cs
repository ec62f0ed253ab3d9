using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>
/// Caches tenant policies (and their JWT signing keys) for a few seconds, so a token request costs no
/// tenant-grain hop on its hot path. Concurrent misses for one tenant share one grain call.
/// </summary>
public sealed class TenantPolicyCache(IGrainFactory grains, TimeProvider clock, IOptions<TenancyOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The tenant's policy, or null when the tenant does not exist.</summary>
    public async ValueTask<CachedTenant?> GetAsync(string tenantId)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var found = _entries.TryGetValue(tenantId, out var entry);
            if (found && entry!.FreshAt(now)) return await entry.Load;
            // While the reload is in flight, Peek keeps answering with what was loaded before.
            var load = new TaskCompletionSource<CachedTenant?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var fresh = new Entry(load.Task, now + Lifetime, found ? entry!.Loaded : null);
            // Install atomically: of concurrent misses exactly one loads, the others await it (next round).
            var installed = found ? _entries.TryUpdate(tenantId, fresh, entry!) : _entries.TryAdd(tenantId, fresh);
            if (!installed) continue;
            try
            {
                load.SetResult(await LoadAsync(tenantId));
            }
            catch (Exception e)
            {
                // A failed load must not be cached.
                _entries.TryRemove(new KeyValuePair<string, Entry>(tenantId, fresh));
                load.SetException(e);
            }
            return await fresh.Load;
        }
    }

    /// <summary>
    /// The cached tenant if one was loaded, without calling the cluster (JWT key resolution is synchronous).
    /// Freshness is not checked here: authentication calls <see cref="GetAsync"/> just before, which reloads stale entries.
    /// While another request's reload is in flight it answers with the previously loaded tenant (no older than a
    /// cache lifetime plus that reload), so a request that loaded the tenant never finds it missing a moment later.
    /// </summary>
    public CachedTenant? Peek(string tenantId) => _entries.TryGetValue(tenantId, out var entry) ? entry.Loaded : null;

    /// <summary>Replaces the cached policy after this node changed it.</summary>
    public void Put(TenantPolicy policy) =>
        _entries[policy.TenantId] = new Entry(Task.FromResult<CachedTenant?>(CachedTenant.From(policy)), clock.GetUtcNow() + Lifetime);

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, options.Value.PolicyCacheSeconds));

    private async Task<CachedTenant?> LoadAsync(string tenantId)
    {
        var policy = await grains.GetGrain<ITenantGrain>(tenantId).GetPolicy();
        return policy is null ? null : CachedTenant.From(policy);
    }

    private sealed record Entry(Task<CachedTenant?> Load, DateTimeOffset Expires, CachedTenant? Previous = null)
    {
        /// <summary>The loaded tenant, or the one loaded before while this load is in flight (or failed).</summary>
        public CachedTenant? Loaded => Load.IsCompletedSuccessfully ? Load.Result : Previous;

        /// <summary>A load still in flight is as fresh as it gets: joining it beats starting another.</summary>
        public bool FreshAt(DateTimeOffset now) => !Load.IsCompleted || (now < Expires && Load.IsCompletedSuccessfully);
    }
}
