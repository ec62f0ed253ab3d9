using System.Collections.Concurrent;
using System.Globalization;
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
/// </summary>
public sealed class MemoryGrainStorage(Serializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<(GrainId Grain, string State), Entry> _entries = new();
    private long _lastETag;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var found = _entries.TryGetValue((grainId, stateName), out var entry);
        grainState.State = found ? serializer.Deserialize<T>(entry!.Payload) : activators.GetActivator<T>().Create();
        grainState.ETag = entry?.ETag;
        grainState.RecordExists = found;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (grainId, stateName);
        var written = new Entry(NewETag(), serializer.SerializeToArray(grainState.State));
        var expected = grainState.ETag;
        var stored = expected is null
            ? _entries.TryAdd(key, written)
            : _entries.TryGetValue(key, out var current) && current.ETag == expected && _entries.TryUpdate(key, written, current);
        if (!stored) throw Conflict(key, expected, "write");

        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (grainId, stateName);
        var expected = grainState.ETag;
        // Clearing what was never written (etag null, no entry) is fine; anything else must match the entry.
        var cleared = expected is null
            ? !_entries.ContainsKey(key)
            : _entries.TryGetValue(key, out var current) && current.ETag == expected
                && _entries.TryRemove(new KeyValuePair<(GrainId, string), Entry>(key, current));
        if (!cleared) throw Conflict(key, expected, "clear");

        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NewETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private InconsistentStateException Conflict((GrainId Grain, string State) key, string? expected, string operation)
    {
        var stored = _entries.TryGetValue(key, out var entry) ? entry.ETag : null;
        return new InconsistentStateException(
            $"The {operation} of {key.Grain} ({key.State}) lost a race: it expected etag '{expected ?? "none"}', storage holds '{stored ?? "none"}'.",
            stored ?? "none", expected ?? "none");
    }

    private sealed record Entry(string ETag, byte[] Payload);
}
