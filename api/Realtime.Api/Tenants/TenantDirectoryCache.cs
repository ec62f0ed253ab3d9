using Microsoft.Extensions.Options;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tenants;

/// <summary>
/// This node's copy of the <see cref="ITenantDirectoryGrain"/>: which tenants exist and which browser origins they
/// allow. A token naming an unlisted tenant, or a preflight from an unlisted origin, costs no grain activation: the
/// copy is refreshed from the one directory grain at most once per <see cref="MissRefreshInterval"/> for such misses
/// (so a tenant provisioned through another node is known here within it), and whenever it is older than the policy
/// cache lifetime for origin checks. Concurrent refreshes share one grain call.
/// </summary>
public sealed class TenantDirectoryCache(IGrainFactory grains, TimeProvider clock, IOptions<TenancyOptions> options)
{
    /// <summary>How often a miss (unlisted tenant or origin) may ask the directory grain again.</summary>
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private View _view = View.Of(TenantDirectory.Empty, DateTimeOffset.MinValue);
    private Task<View>? _refresh;

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

    private async Task<View> RefreshAsync(long knownVersion)
    {
        var newer = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).GetIfNewer(knownVersion);
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
