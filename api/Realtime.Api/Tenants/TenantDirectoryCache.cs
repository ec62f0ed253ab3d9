using Microsoft.Extensions.Options;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>
/// This node's copy of the <see cref="ITenantDirectoryGrain"/>: which tenants exist and which browser origins they
/// allow. A token naming an unlisted tenant, or a preflight from an unlisted origin, costs no grain activation: the
/// copy is refreshed from the one directory grain at most once per <see cref="MissRefreshInterval"/> for such misses
/// (so a tenant provisioned through another node is known here within it), and whenever it is older than the policy
/// cache lifetime for origin checks. Concurrent refreshes share one grain call. Subscribed to the directory
/// (<see cref="SubscribeAsync"/>), the node also hears of each change at once: the next miss asks again, and
/// <see cref="TenantChanged"/> subscribers (the policy cache) drop what they hold for that tenant.
/// </summary>
public sealed class TenantDirectoryCache(IGrainFactory grains, TimeProvider clock, IOptions<TenancyOptions> options) : ITenantDirectoryObserver
{
    /// <summary>How often a miss (unlisted tenant or origin) may ask the directory grain again.</summary>
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private View _view = View.Of(TenantDirectory.Empty, DateTimeOffset.MinValue);
    private Task<View>? _refresh;
    private ITenantDirectoryObserver? _reference;

    /// <summary>Raised when the directory says a tenant was provisioned, changed or deleted (through any node).</summary>
    public event Action<string>? Changed;

    /// <summary>Whether the tenant is provisioned, as this node last heard.</summary>
    public async ValueTask<bool> ListsAsync(string tenantId)
    {
        if (Volatile.Read(ref _view).Directory.Contains(tenantId)) return true;
        return (await FreshAsync(MissRefreshInterval)).Directory.Contains(tenantId);
    }

    /// <summary>Whether some tenant allows <paramref name="origin"/> (a CORS preflight carries no token to tell which).</summary>
    public async ValueTask<bool> AnyTenantAllowsAsync(string origin)
    {
        var view = await FreshAsync(Lifetime);
        if (view.Origins.Contains(origin)) return true;
        return (await FreshAsync(MissRefreshInterval)).Origins.Contains(origin);
    }

    /// <summary>Subscribes this node to directory changes, or renews the subscription, and takes any newer directory.</summary>
    public async Task SubscribeAsync(string nodeId)
    {
        // Orleans holds observers weakly: this singleton keeps itself alive for the process's lifetime.
        _reference ??= grains.CreateObjectReference<ITenantDirectoryObserver>(this);
        var newer = await Directory.Subscribe(nodeId, _reference, Volatile.Read(ref _view).Directory.Version);
        if (newer is not null) Take(newer);
    }

    /// <summary>The directory changed: the next miss asks it again at once, and holders of the tenant drop it.</summary>
    public Task TenantChanged(string tenantId)
    {
        lock (_lock) Volatile.Write(ref _view, _view with { FetchedAt = DateTimeOffset.MinValue });
        Changed?.Invoke(tenantId);
        return Task.CompletedTask;
    }

    /// <summary>This node provisioned the tenant: known here at once.</summary>
    public void Listed(string tenantId, IReadOnlyList<string> allowedOrigins) =>
        Change(tenants => tenants[tenantId] = [.. allowedOrigins]);

    /// <summary>This node deleted the tenant: unknown here at once.</summary>
    public void Unlisted(string tenantId) => Change(tenants => tenants.Remove(tenantId));

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, options.Value.PolicyCacheSeconds));

    private void Change(Action<Dictionary<string, string[]>> change)
    {
        lock (_lock)
        {
            var tenants = new Dictionary<string, string[]>(_view.Directory.OriginsByTenant, StringComparer.Ordinal);
            change(tenants);
            // Same version: the next refresh still fetches the directory grain's newer one.
            Volatile.Write(ref _view, View.Of(_view.Directory with { OriginsByTenant = tenants }, _view.FetchedAt));
        }
    }

    private async ValueTask<View> FreshAsync(TimeSpan maxAge)
    {
        var view = Volatile.Read(ref _view);
        if (clock.GetUtcNow() - view.FetchedAt < maxAge) return view;
        Task<View> refresh;
        lock (_lock) refresh = _refresh ??= RefreshAsync(view.Directory.Version);
        try
        {
            return await refresh;
        }
        finally
        {
            lock (_lock) if (ReferenceEquals(_refresh, refresh)) _refresh = null;
        }
    }

    private ITenantDirectoryGrain Directory => grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

    private async Task<View> RefreshAsync(long knownVersion) => Take(await Directory.GetIfNewer(knownVersion));

    private View Take(TenantDirectory? newer)
    {
        lock (_lock)
        {
            var view = View.Of(newer ?? _view.Directory, clock.GetUtcNow());
            Volatile.Write(ref _view, view);
            return view;
        }
    }

    private sealed record View(TenantDirectory Directory, HashSet<string> Origins, DateTimeOffset FetchedAt)
    {
        public static View Of(TenantDirectory directory, DateTimeOffset fetchedAt) =>
            new(directory, directory.OriginsByTenant.Values.SelectMany(o => o).ToHashSet(StringComparer.OrdinalIgnoreCase), fetchedAt);
    }
}
