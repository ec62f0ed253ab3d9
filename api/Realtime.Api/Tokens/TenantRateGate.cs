using System.Collections.Concurrent;
using Realtime.Api.Hosting;
using Realtime.Shared.Tenants;

namespace Realtime.Api.Tokens;

/// <summary>
/// The tenant-wide per-minute cap without a grain on every request: each api node counts its own grants
/// and decides locally against (its own count + what the other nodes last reported), and
/// <see cref="TenantUsageReporter"/> exchanges counts with the tenant's usage grain about once a second.
/// Exact on a single node; across N nodes it can overshoot by at most the grants the other nodes made
/// since their last report (docs/rate-limits.md).
/// </summary>
public sealed class TenantRateGate(IGrainFactory grains, TimeProvider clock, NodeIdentity node)
{
    private readonly ConcurrentDictionary<string, TenantWindow> _windows = new(StringComparer.Ordinal);

    public async ValueTask<(TenantGrant? Grant, TimeSpan RetryAfter)> TryAcquireAsync(string tenantId, int cap)
    {
        var window = _windows.GetOrAdd(tenantId, _ => new TenantWindow());
        // The first request for a tenant on this node learns the others' count before deciding.
        if (!window.Primed) await ExchangeAsync(tenantId, window);
        var second = NowSecond;
        lock (window)
        {
            if (window.LocalCount(second) + window.Others >= cap)
                return (null, TimeSpan.FromSeconds(window.SecondsUntilOldestLeaves(second)));
            window.Add(second, 1);
            return (new TenantGrant(tenantId, second), TimeSpan.Zero);
        }
    }

    public void Return(TenantGrant grant)
    {
        if (!_windows.TryGetValue(grant.TenantId, out var window)) return;
        lock (window) window.Add(grant.Second, -1);
    }

    /// <summary>Reports every tenant whose local count changed or is not yet zero; forgets idle tenants.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        var second = NowSecond;
        foreach (var (tenantId, window) in _windows)
        {
            if (cancellationToken.IsCancellationRequested) return;
            bool report;
            lock (window) report = window.Dirty || window.LocalCount(second) > 0;
            if (report) await ExchangeAsync(tenantId, window);
            else if (second - window.LastUsedSecond > 2 * TenantWindow.Seconds && window.Others == 0)
                _windows.TryRemove(new KeyValuePair<string, TenantWindow>(tenantId, window));
        }
    }

    /// <summary>The tenant's grants in the last minute as this node knows them.</summary>
    public int Estimate(string tenantId)
    {
        if (!_windows.TryGetValue(tenantId, out var window)) return 0;
        lock (window) return window.LocalCount(NowSecond) + window.Others;
    }

    private async Task ExchangeAsync(string tenantId, TenantWindow window)
    {
        int local;
        lock (window)
        {
            local = window.LocalCount(NowSecond);
            window.Dirty = false;
        }
        var others = await grains.GetGrain<ITenantUsageGrain>(tenantId).Report(node.Id, local);
        lock (window)
        {
            window.Others = others;
            window.Primed = true;
        }
    }

    private long NowSecond => clock.GetUtcNow().ToUnixTimeSeconds();
}
