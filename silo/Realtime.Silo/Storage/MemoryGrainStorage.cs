using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Realtime.Silo.Storage;

/// <summary>
/// Grain state in this silo's memory, with the rules of <see cref="SqliteGrainStorage"/>: the Orleans binary
/// serializer into pooled buffers (a write stores a copy, a read returns a fresh object), optimistic concurrency by etag (a write or
/// clear against a newer entry throws <see cref="InconsistentStateException"/> and changes nothing), clear
/// removes the entry. Unlike Orleans' own memory provider it costs no grain message and no JSON per operation;
/// like it, nothing survives the process. State is this silo's own: for a single silo (tests, benchmarks); the
/// silos of a cluster need a shared store, since one grain may write the record another activates from.
/// <para>
/// Kept light for the garbage collector, since every issued session leaves a record here: entries are structs in
/// plain dictionaries (no node object per entry, nothing allocated to replace one), the etag is a number (its
/// text is made for the grain, not stored), and the dictionaries are sharded, each behind its own lock. Each state
/// name has dictionaries of its own, so the few, often rewritten user records do not sit among every session
/// ever issued: their lookups stay in a small table, in cache.
/// </para>
/// </summary>
public sealed class MemoryGrainStorage(Serializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private const int ShardCount = 32;

    private readonly ConcurrentDictionary<string, Shard[]> _tables = new(StringComparer.Ordinal);
    private long _lastETag;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var found = ShardOf(stateName, grainId).TryGet(grainId, out var entry);
        grainState.State = found ? serializer.Deserialize<T>(entry.Payload) : activators.GetActivator<T>().Create();
        grainState.ETag = found ? Text(entry.ETag) : null;
        grainState.RecordExists = found;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var written = new Entry(Interlocked.Increment(ref _lastETag), serializer.SerializeToArray(grainState.State));
        var expected = Number(grainState.ETag);
        if (!ShardOf(stateName, grainId).TryWrite(grainId, expected, written, out var stored))
            throw Conflict(stateName, grainId, grainState.ETag, stored, "write");

        grainState.ETag = Text(written.ETag);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!ShardOf(stateName, grainId).TryClear(grainId, Number(grainState.ETag), out var stored))
            throw Conflict(stateName, grainId, grainState.ETag, stored, "clear");

        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private Shard ShardOf(string stateName, GrainId grainId) =>
        _tables.GetOrAdd(stateName, static _ => [.. Enumerable.Range(0, ShardCount).Select(_ => new Shard())])[(int)((uint)grainId.GetHashCode() % ShardCount)];

    private static string Text(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    // Null (never written) is 0; an etag this store did not make matches nothing.
    private static long Number(string? etag) =>
        etag is null ? 0 : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1;

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? expected, long stored, string operation)
    {
        var holds = stored == 0 ? "none" : Text(stored);
        return new InconsistentStateException(
            $"The {operation} of {grainId} ({stateName}) lost a race: it expected etag '{expected ?? "none"}', storage holds '{holds}'.",
            holds, expected ?? "none");
    }

    private readonly record struct Entry(long ETag, byte[] Payload);

    /// <summary>One lock and one dictionary; every check-and-change happens under the lock.</summary>
    private sealed class Shard
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<GrainId, Entry> _entries = [];

        public bool TryGet(GrainId key, out Entry entry)
        {
            lock (_gate) return _entries.TryGetValue(key, out entry);
        }

        /// <summary>Stores <paramref name="written"/> if the stored etag is <paramref name="expected"/> (0: no entry); else answers what is stored.</summary>
        public bool TryWrite(GrainId key, long expected, Entry written, out long stored)
        {
            lock (_gate)
            {
                // One hash lookup for the check and the change: the slot is added empty (etag 0) if missing, and
                // taken out again if the check fails on it.
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var existed);
                stored = existed ? slot.ETag : 0;
                if (stored != expected)
                {
                    if (!existed) _entries.Remove(key);
                    return false;
                }
                slot = written;
                return true;
            }
        }

        /// <summary>Removes the entry if its etag is <paramref name="expected"/>; clearing what was never written (0, no entry) is fine.</summary>
        public bool TryClear(GrainId key, long expected, out long stored)
        {
            lock (_gate)
            {
                stored = _entries.TryGetValue(key, out var current) ? current.ETag : 0;
                if (stored != expected) return false;
                _entries.Remove(key);
                return true;
            }
        }
    }
}
