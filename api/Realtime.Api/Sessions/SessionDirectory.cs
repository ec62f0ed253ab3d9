using Microsoft.Extensions.Caching.Memory;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Sessions;

/// <summary>
/// Who owns a session (tenant and user never change once issued), cached on the node so authorizing a hub call
/// costs no grain call after the first. Unknown sessions are not cached: they may be minted a moment later.
/// </summary>
public sealed class SessionDirectory(IGrainFactory grains) : IDisposable
{
    private static readonly MemoryCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };
    private readonly MemoryCache _owners = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async ValueTask<SessionOwner?> FindAsync(string sessionId)
    {
        if (!SessionId.IsValid(sessionId)) return null;
        if (_owners.TryGetValue(sessionId, out SessionOwner? owner)) return owner;
        var snapshot = await grains.GetGrain<ISessionGrain>(sessionId).GetSnapshot();
        if (snapshot is null) return null;
        owner = new SessionOwner(snapshot.SessionId, snapshot.TenantId, snapshot.UserId);
        _owners.Set(sessionId, owner, Entry);
        return owner;
    }

    public void Dispose() => _owners.Dispose();
}
