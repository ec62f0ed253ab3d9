using Realtime.Shared.Tenants;
using Realtime.Silo.Hosting;

namespace Realtime.Silo.Tenants;

/// <summary>
/// The list of provisioned tenants and their allowed origins (see <see cref="ITenantDirectoryGrain"/>). Written
/// only when a tenant is provisioned or deleted; read by every api node, which asks only for a newer version.
/// </summary>
public sealed class TenantDirectoryGrain(
    [PersistentState("tenant-directory", RealtimeStorage.Name)] IPersistentState<TenantDirectoryRecord> state)
    : Grain, ITenantDirectoryGrain
{
    // Built once per change: every node that asks for the same version gets the same immutable object.
    private TenantDirectory? _current;

    public Task<TenantDirectory?> GetIfNewer(long knownVersion) =>
        Task.FromResult(state.State.Version == knownVersion ? null : Current);

    public async Task Register(string tenantId, IReadOnlyList<string> allowedOrigins)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        if (state.State.Tenants.TryGetValue(tenantId, out var known) && known.SequenceEqual(allowedOrigins, StringComparer.Ordinal))
            return;
        state.State.Tenants[tenantId] = [.. allowedOrigins];
        await SaveAsync();
    }

    public async Task Remove(string tenantId)
    {
        if (!state.State.Tenants.Remove(tenantId)) return;
        await SaveAsync();
    }

    private TenantDirectory Current => _current ??= new TenantDirectory(
        state.State.Version,
        state.State.Tenants.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal));

    private async Task SaveAsync()
    {
        state.State.Version++;
        _current = null;
        await state.WriteStateAsync();
    }
}
