using Realtime.Shared.Tenants;

namespace Realtime.Silo.Tenants;

/// <summary>
/// Adds up the per-minute grant counts that api nodes report for one tenant (key: tenant id). Deliberately
/// in memory only: every node reports about once a second, so after a restart the sum is whole again within
/// a minute, and a write per report would cost far more than it saves.
/// </summary>
public sealed class TenantUsageGrain(TimeProvider time) : Grain, ITenantUsageGrain
{
    /// <summary>
    /// How long a node's last report counts. A bit over the one-minute window a report describes, so a node
    /// that stops reporting (crashed, scaled in) drops out only once its own window would have emptied anyway.
    /// </summary>
    public static readonly TimeSpan ReportLifetime = TimeSpan.FromSeconds(70);

    private readonly Dictionary<string, NodeReport> _reports = new(StringComparer.Ordinal);

    public Task<int> Report(string nodeId, int grantedLastMinute)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var now = time.GetUtcNow();
        _reports[nodeId] = new NodeReport(Math.Max(0, grantedLastMinute), now);
        return Task.FromResult(SumFresh(now, except: nodeId));
    }

    public Task<int> GetGrantedLastMinute() => Task.FromResult(SumFresh(time.GetUtcNow(), except: null));

    public Task Forget()
    {
        _reports.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private int SumFresh(DateTimeOffset now, string? except)
    {
        var freshAfter = now - ReportLifetime;
        foreach (var stale in _reports.Where(r => r.Value.ReportedAt <= freshAfter).Select(r => r.Key).ToList())
        {
            _reports.Remove(stale);
        }

        return _reports.Where(r => r.Key != except).Sum(r => r.Value.Count);
    }

    private readonly record struct NodeReport(int Count, DateTimeOffset ReportedAt);
}
