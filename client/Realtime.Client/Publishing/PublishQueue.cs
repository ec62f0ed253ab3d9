using System.Text.Json;

namespace Realtime.Client.Publishing;

/// <summary>
/// The publisher's bookkeeping, with no I/O: events gather in an open batch, which is sealed when it holds
/// <see cref="CaptionPublisherOptions.MaxBatchSize"/> events, would pass <see cref="CaptionPublisherOptions.MaxBatchBytes"/>,
/// takes a final caption event, or when the publisher flushes; sealed batches wait, oldest first, until the server
/// acknowledges them. Only the oldest is ever sent, so the server sees events in the order they arrived. At most
/// <see cref="CaptionPublisherOptions.MaxPendingEvents"/> events wait: past that the oldest waiting delta goes, else
/// the oldest waiting event, never one of the oldest batch (the one on its way). Not thread-safe: the publisher locks.
/// </summary>
internal sealed class PublishQueue(CaptionPublisherOptions options)
{
    private readonly List<JsonElement> _open = [];
    private readonly List<EventBatch> _sealed = [];
    private int _openBytes;
    private int _pending;
    private long _sealedCount;

    public int SealedCount => _sealed.Count;

    public bool IsEmpty => _open.Count == 0 && _sealed.Count == 0;

    /// <summary>
    /// Adds an event; true when a batch was sealed (the publisher should send now). <paramref name="dropped"/> holds
    /// what the cap on waiting events pushed out, if anything.
    /// </summary>
    public bool Add(JsonElement openAIEvent, List<JsonElement> dropped)
    {
        var bytes = openAIEvent.GetRawText().Length;
        var sealedOne = false;
        if (_open.Count > 0 && _openBytes + bytes > options.MaxBatchBytes)
        {
            Seal();
            sealedOne = true;
        }
        _open.Add(openAIEvent);
        _openBytes += bytes;
        _pending++;
        KeepWithinCap(dropped);
        if (_open.Count >= options.MaxBatchSize || _openBytes >= options.MaxBatchBytes || RelayEventKinds.IsFinal(openAIEvent))
        {
            Seal();
            sealedOne = true;
        }
        return sealedOne;
    }

    /// <summary>Seals the open batch, if it has any event.</summary>
    public void Seal()
    {
        if (_open.Count == 0) return;
        _sealed.Add(new EventBatch(++_sealedCount, [.. _open]));
        _open.Clear();
        _openBytes = 0;
    }

    /// <summary>The batch to send next: the oldest not acknowledged.</summary>
    public EventBatch? Next => _sealed.Count > 0 ? _sealed[0] : null;

    /// <summary>Forgets every batch, open and sealed: the session takes no more events.</summary>
    public void Clear()
    {
        _open.Clear();
        _sealed.Clear();
        _openBytes = 0;
        _pending = 0;
    }

    /// <summary>The server took <paramref name="batch"/> (acknowledged or refused for good): it is never sent again.</summary>
    public void Done(EventBatch batch)
    {
        if (_sealed.Count == 0 || !ReferenceEquals(_sealed[0], batch)) return;
        _sealed.RemoveAt(0);
        _pending -= batch.Events.Count;
    }

    // A delta goes first: every delta is followed by a completed/done event that carries the whole text, so losing
    // one costs only an intermediate partial.
    private void KeepWithinCap(List<JsonElement> dropped)
    {
        while (_pending > options.MaxPendingEvents
            && (DropOldest(RelayEventKinds.IsDelta) ?? DropOldest(static _ => true)) is { } gone)
        {
            dropped.Add(gone);
            _pending--;
        }
    }

    private JsonElement? DropOldest(Func<JsonElement, bool> matches)
    {
        // The oldest sealed batch is on its way (or next): it is never touched, so a resend stays the same batch.
        for (var b = 1; b < _sealed.Count; b++)
        {
            var events = _sealed[b].Events;
            var i = IndexOf(events, matches);
            if (i < 0) continue;
            var gone = events[i];
            List<JsonElement> kept = [.. events.Take(i), .. events.Skip(i + 1)];
            if (kept.Count == 0) _sealed.RemoveAt(b);
            else _sealed[b] = _sealed[b] with { Events = kept };
            return gone;
        }
        // The event just added stays: dropping it would make the cap a filter on the newest speech.
        var open = IndexOf(_open, matches);
        if (open < 0 || open == _open.Count - 1) return null;
        var dropped = _open[open];
        _open.RemoveAt(open);
        _openBytes -= dropped.GetRawText().Length;
        return dropped;
    }

    private static int IndexOf(IReadOnlyList<JsonElement> events, Func<JsonElement, bool> matches)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (matches(events[i])) return i;
        }
        return -1;
    }
}
