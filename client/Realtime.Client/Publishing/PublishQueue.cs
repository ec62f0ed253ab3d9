using System.Text.Json;

namespace Realtime.Client.Publishing;

/// <summary>
/// The publisher's bookkeeping, with no I/O: events gather in an open batch, which is sealed when full or when
/// the publisher flushes; sealed batches wait, oldest first, until the server acknowledges them. Only the
/// oldest is ever sent, so the server sees events in the order they arrived. Not thread-safe: the publisher locks.
/// </summary>
internal sealed class PublishQueue(int maxBatchSize)
{
    private readonly List<JsonElement> _open = [];
    private readonly Queue<EventBatch> _sealed = new();
    private long _sealedCount;

    public int SealedCount => _sealed.Count;

    public bool IsEmpty => _open.Count == 0 && _sealed.Count == 0;

    /// <summary>Adds an event; true when that filled the open batch and sealed it.</summary>
    public bool Add(JsonElement openAIEvent)
    {
        _open.Add(openAIEvent);
        if (_open.Count < maxBatchSize) return false;
        Seal();
        return true;
    }

    /// <summary>Seals the open batch, if it has any event.</summary>
    public void Seal()
    {
        if (_open.Count == 0) return;
        _sealed.Enqueue(new EventBatch(++_sealedCount, [.. _open]));
        _open.Clear();
    }

    /// <summary>The batch to send next: the oldest not acknowledged.</summary>
    public EventBatch? Next => _sealed.TryPeek(out var batch) ? batch : null;

    /// <summary>Forgets every batch, open and sealed: the session takes no more events.</summary>
    public void Clear()
    {
        _open.Clear();
        _sealed.Clear();
    }

    /// <summary>The server took <paramref name="batch"/> (acknowledged or refused for good): it is never sent again.</summary>
    public void Done(EventBatch batch)
    {
        if (_sealed.TryPeek(out var oldest) && ReferenceEquals(oldest, batch)) _sealed.Dequeue();
    }
}
