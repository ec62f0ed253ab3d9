using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>
/// Caches tenant policies (and their JWT validation parameters) for a few seconds, so a token request costs no
/// tenant-grain hop on its hot path. Concurrent misses for one tenant share one grain call. A tenant the
/// <see cref="TenantDirectoryCache"/> does not list is answered as missing without a grain call or a cache entry,
/// so tokens naming made-up tenants cost no grain activation; the cache holds at most
/// <see cref="TenancyOptions.PolicyCacheMaxEntries"/> tenants. Evicting one never fails a request in flight: a
/// request keeps the <see cref="CachedTenant"/> it got for as long as it needs it.
/// </summary>
public sealed class TenantPolicyCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly TenantDirectoryCache _directory;
    private readonly TimeProvider _clock;
    private readonly IOptions<TenancyOptions> _options;
    private int _count;

    public TenantPolicyCache(IGrainFactory grains, TenantDirectoryCache directory, TimeProvider clock, IOptions<TenancyOptions> options)
    {
        (_grains, _directory, _clock, _options) = (grains, directory, clock, options);
        // A change made through any node: the next request here loads the tenant again.
        directory.Changed += Evict;
    }

    /// <summary>How many tenants are cached (loaded, loading, or known missing).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The tenant's policy, or null when the tenant does not exist.</summary>
    public async ValueTask<CachedTenant?> GetAsync(string tenantId)
    {
        while (true)
        {
            var now = _clock.GetUtcNow();
            var found = _entries.TryGetValue(tenantId, out var entry);
            if (found && entry!.FreshAt(now)) return await entry.Load;
            if (!found && !await _directory.ListsAsync(tenantId)) return null;
            var load = new TaskCompletionSource<CachedTenant?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var fresh = new Entry(load.Task, now + Lifetime);
            // Install atomically: of concurrent misses exactly one loads, the others await it (next round).
            if (!(found ? _entries.TryUpdate(tenantId, fresh, entry!) : Add(tenantId, fresh))) continue;
            try
            {
                load.SetResult(await LoadAsync(tenantId));
            }
            catch (Exception e)
            {
                // A failed load must not be cached.
                Remove(tenantId, fresh);
                load.SetException(e);
            }
            return await fresh.Load;
        }
    }

    /// <summary>Replaces the cached policy after this node changed it.</summary>
    public void Put(TenantPolicy policy)
    {
        _directory.Listed(policy.TenantId, policy.Origins);
        var entry = new Entry(Task.FromResult<CachedTenant?>(CachedTenant.From(policy)), _clock.GetUtcNow() + Lifetime);
        while (true)
        {
            if (_entries.TryGetValue(policy.TenantId, out var old) ? _entries.TryUpdate(policy.TenantId, entry, old) : Add(policy.TenantId, entry))
                return;
        }
    }

    /// <summary>Forgets a tenant this node deleted: its tokens are refused here from now on.</summary>
    public void Remove(string tenantId)
    {
        _directory.Unlisted(tenantId);
        Evict(tenantId);
    }

    private void Evict(string tenantId)
    {
        if (_entries.TryRemove(tenantId, out _)) Interlocked.Decrement(ref _count);
    }

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, _options.Value.PolicyCacheSeconds));

    private bool Add(string tenantId, Entry entry)
    {
        if (!_entries.TryAdd(tenantId, entry)) return false;
        if (Interlocked.Increment(ref _count) > Math.Max(1, _options.Value.PolicyCacheMaxEntries)) Trim();
        return true;
    }

    private void Remove(string tenantId, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(tenantId, entry))) Interlocked.Decrement(ref _count);
    }

    /// <summary>
    /// Over the cap: drops what has expired, then settled entries in no particular order, down to nine tenths of the
    /// cap so the next few misses do not scan again. Loads in flight stay: their requests are waiting on them.
    /// </summary>
    private void Trim()
    {
        var target = Math.Max(1, _options.Value.PolicyCacheMaxEntries) * 9 / 10;
        var now = _clock.GetUtcNow();
        foreach (var (tenantId, entry) in _entries)
            if (entry.Load.IsCompleted && !entry.FreshAt(now)) Remove(tenantId, entry);
        foreach (var (tenantId, entry) in _entries)
        {
            if (Count <= target) return;
            if (entry.Load.IsCompleted) Remove(tenantId, entry);
        }
    }

    private async Task<CachedTenant?> LoadAsync(string tenantId)
    {
        var policy = await _grains.GetGrain<ITenantGrain>(tenantId).GetPolicy();
        return policy is null ? null : CachedTenant.From(policy);
    }

    private sealed record Entry(Task<CachedTenant?> Load, DateTimeOffset Expires)
    {
        /// <summary>A load still in flight is as fresh as it gets: joining it beats starting another.</summary>
        public bool FreshAt(DateTimeOffset now) => !Load.IsCompleted || (now < Expires && Load.IsCompletedSuccessfully);
    }
}
