using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Realtime.Emulator.Secrets;

/// <summary>
/// Remembers every ephemeral secret the emulator minted, so the calls endpoint can tell a valid
/// secret from an unknown or expired one. Memory stays bounded: entries are dropped a while after
/// they expire, and past a hard cap the soonest-expiring ones go first.
/// </summary>
public sealed class EphemeralSecretStore(TimeProvider time)
{
    /// <summary>Kept a little past expiry, so a late lookup still finds the entry (useful when debugging).</summary>
    internal static readonly TimeSpan RetainAfterExpiry = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    internal const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, EphemeralSecret> _secrets = new(StringComparer.Ordinal);
    private readonly Lock _pruneLock = new();

    // Kept beside the dictionary: ConcurrentDictionary.Count takes every bucket lock, too dear on each mint.
    private int _count;
    private long _nextPruneTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>How many secrets are held now (expired ones not yet pruned included).</summary>
    public int Count => Volatile.Read(ref _count);

    public EphemeralSecret Mint(JsonObject session, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        PruneIfDue(now);
        // A private copy: the caller may go on to change or serialize its own object.
        var snapshot = (JsonObject)session.DeepClone();
        while (true)
        {
            var secret = new EphemeralSecret(RandomIds.Next("ek_", RandomIds.SecretLength), now, expiresAt, snapshot);
            if (_secrets.TryAdd(secret.Value, secret))
            {
                Interlocked.Increment(ref _count);
                return secret;
            }
        }
    }

    public bool TryGetValid(string value, DateTimeOffset now, [MaybeNullWhen(false)] out EphemeralSecret secret)
    {
        if (_secrets.TryGetValue(value, out var found) && found.IsValidAt(now))
        {
            secret = found;
            return true;
        }
        secret = null;
        return false;
    }

    /// <summary>Drops entries that expired more than <see cref="RetainAfterExpiry"/> before <paramref name="now"/>.</summary>
    internal void Prune(DateTimeOffset now)
    {
        var cutoff = now - RetainAfterExpiry;
        foreach (var (value, secret) in _secrets)
        {
            if (secret.ExpiresAt < cutoff) Remove(value);
        }
        if (Count >= MaxEntries) EvictSoonestExpiring();
    }

    private void PruneIfDue(DateTimeOffset now)
    {
        // Pruning walks every entry, so it runs once a minute, or at once when the cap is reached; a mint that
        // finds neither due takes no lock.
        if (!PruneDue(now)) return;
        lock (_pruneLock)
        {
            if (!PruneDue(now)) return;
            Volatile.Write(ref _nextPruneTicks, (now + PruneInterval).UtcTicks);
            Prune(now);
        }
    }

    private bool PruneDue(DateTimeOffset now) => now.UtcTicks >= Volatile.Read(ref _nextPruneTicks) || Count >= MaxEntries;

    private void Remove(string value)
    {
        if (_secrets.TryRemove(value, out _)) Interlocked.Decrement(ref _count);
    }

    private void EvictSoonestExpiring()
    {
        // Down to 90% of the cap, so a flood of mints does not sort the whole store on every call.
        var excess = Count - MaxEntries * 9 / 10;
        foreach (var secret in _secrets.Values.OrderBy(s => s.ExpiresAt).Take(excess).ToList())
        {
            Remove(secret.Value);
        }
    }
}
