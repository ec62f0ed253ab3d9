using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Realtime.Api.Auth;

namespace Realtime.Api.Captions;

/// <summary>
/// Counts each user's caption hub connections on this node against <see cref="CaptionOptions.MaxConnectionsPerUser"/>,
/// so one token cannot hold the node's connections. Per node: the count is not shared across the cluster.
/// </summary>
public sealed class UserConnectionCap(IOptions<CaptionOptions> options)
{
    private readonly ConcurrentDictionary<(string Tenant, string User), int> _counts = new();

    public int Max => options.Value.MaxConnectionsPerUser;

    /// <summary>True when <paramref name="caller"/> may open one more (a negotiate checks this before connecting).</summary>
    public bool HasRoom(Caller caller) => Max <= 0 || _counts.GetValueOrDefault(Key(caller)) < Max;

    /// <summary>Counts one more connection of <paramref name="caller"/>, unless that would pass the cap.</summary>
    public bool TryReserve(Caller caller)
    {
        if (Max <= 0) return true;
        var key = Key(caller);
        while (true)
        {
            var current = _counts.GetValueOrDefault(key);
            if (current >= Max) return false;
            if (current == 0 ? _counts.TryAdd(key, 1) : _counts.TryUpdate(key, current + 1, current)) return true;
        }
    }

    /// <summary>Gives back a connection <see cref="TryReserve"/> counted.</summary>
    public void Release(Caller caller)
    {
        var key = Key(caller);
        while (_counts.TryGetValue(key, out var current))
        {
            if (current <= 1 ? _counts.TryRemove(new(key, current)) : _counts.TryUpdate(key, current - 1, current)) return;
        }
    }

    private static (string, string) Key(Caller caller) => (caller.TenantId, caller.UserId);
}
