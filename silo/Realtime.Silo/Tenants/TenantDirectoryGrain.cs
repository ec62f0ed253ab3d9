using Microsoft.Extensions.Logging;
using Realtime.Shared.Tenants;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Tenants;

/// <summary>
/// The list of provisioned tenants and their allowed origins (see <see cref="ITenantDirectoryGrain"/>). Written
/// only when a tenant's listing changes; read by every api node, which asks only for a newer version, and told
/// one-way of every provision and delete so it drops what it cached for that tenant at once.
/// </summary>
public sealed partial class TenantDirectoryGrain(
    DirectStates states,
    TimeProvider time,
    ILogger<TenantDirectoryGrain> logger)
    : Grain, ITenantDirectoryGrain
{
    private DirectPersistentState<TenantDirectoryRecord> _state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _state = await states.ReadAsync<TenantDirectoryRecord>("tenant-directory", this.GetGrainId());

    /// <summary>How long a node's subscription lasts without renewal (nodes renew every 30 s).</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(90);

    // Subscribed api nodes, in memory only: nodes renew, and a new activation hears from each within a renewal.
    private readonly Dictionary<string, (ITenantDirectoryObserver Node, DateTimeOffset RenewedAt)> _nodes = new(StringComparer.Ordinal);

    // Built once per change: every node that asks for the same version gets the same immutable object.
    private TenantDirectory? _current;

    public Task<TenantDirectory?> GetIfNewer(long knownVersion) =>
        Task.FromResult(_state.State.Version == knownVersion ? null : Current);

    public Task<TenantDirectory?> Subscribe(string nodeId, ITenantDirectoryObserver node, long knownVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentNullException.ThrowIfNull(node);
        _nodes[nodeId] = (node, time.GetUtcNow());
        return GetIfNewer(knownVersion);
    }

    public async Task Register(string tenantId, IReadOnlyList<string> allowedOrigins)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        // Every provision is a change the nodes must hear of (a new secret, limits, suspension), even when the
        // directory's own record, which holds only the origins, stays as it was.
        var unchanged = _state.State.Tenants.TryGetValue(tenantId, out var known) && known.SequenceEqual(allowedOrigins, StringComparer.Ordinal);
        if (!unchanged)
        {
            _state.State.Tenants[tenantId] = [.. allowedOrigins];
            await SaveAsync();
        }
        Notify(tenantId);
    }

    public async Task Remove(string tenantId)
    {
        if (!_state.State.Tenants.Remove(tenantId)) return;
        await SaveAsync();
        Notify(tenantId);
    }

    private TenantDirectory Current => _current ??= new TenantDirectory(
        _state.State.Version,
        _state.State.Tenants.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal));

    /// <summary>One-way to every subscribed node; a node that cannot be reached is dropped until it renews.</summary>
    private void Notify(string tenantId)
    {
        var now = time.GetUtcNow();
        foreach (var (nodeId, (node, renewedAt)) in _nodes)
        {
            if (now - renewedAt >= SubscriptionLifetime)
            {
                _nodes.Remove(nodeId);
                continue;
            }
            try
            {
                node.TenantChanged(tenantId).Ignore();
            }
            catch (Exception ex)
            {
                LogNodeDropped(logger, ex, nodeId);
                _nodes.Remove(nodeId);
            }
        }
    }

    private async Task SaveAsync()
    {
        _state.State.Version++;
        _current = null;
        await _state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant directory: node {NodeId} dropped, it cannot be reached")]
    private static partial void LogNodeDropped(ILogger logger, Exception exception, string nodeId);
}
