using Microsoft.AspNetCore.SignalR;
using Realtime.Shared.Captions;

namespace Realtime.Api.Captions;

/// <summary>
/// One viewer connection's queue of messages for one session, drained by a single pump so messages leave in
/// order. A viewer that keeps up has an empty queue and each message goes out at once. A slow viewer's queue
/// grows; then a newer partial of a segment replaces the older one still waiting (coalescing), so it may
/// skip intermediate partials but never a final. A viewer stuck beyond <c>maxPending</c> is disconnected:
/// its client reconnects and resumes from its last seq.
/// </summary>
public sealed class ViewerOutbox(string connectionId, IHubContext<CaptionHub> hub, int maxPending, Action disconnect, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<object> _queue = new();
    private bool _pumping;
    private bool _closed;

    public string ConnectionId => connectionId;

    public void Enqueue(CaptionUpdate update)
    {
        lock (_gate)
        {
            if (_closed) return;
            if (!update.IsFinal) DropWaitingPartial(update.SegmentId);
            _queue.AddLast(update);
            if (OverflowedLocked()) return;
            StartPumpLocked();
        }
    }

    public void Enqueue(SessionStateMessage state)
    {
        lock (_gate)
        {
            if (_closed) return;
            _queue.AddLast(state);
            if (OverflowedLocked()) return;
            StartPumpLocked();
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _queue.Clear();
        }
    }

    private void DropWaitingPartial(string segmentId)
    {
        for (var node = _queue.First; node is not null; node = node.Next)
            if (node.Value is CaptionUpdate { IsFinal: false } waiting && waiting.SegmentId == segmentId)
            {
                _queue.Remove(node);
                return;
            }
    }

    private bool OverflowedLocked()
    {
        if (_queue.Count <= maxPending) return false;
        logger.LogWarning("Viewer {ConnectionId} fell {Count} updates behind; disconnecting it so it resumes from its last seq.", connectionId, _queue.Count);
        _closed = true;
        _queue.Clear();
        disconnect();
        return true;
    }

    private void StartPumpLocked()
    {
        if (_pumping) return;
        _pumping = true;
        _ = PumpAsync();
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            object message;
            lock (_gate)
            {
                if (_queue.First is not { } first || _closed)
                {
                    _pumping = false;
                    return;
                }
                message = first.Value;
                _queue.RemoveFirst();
            }
            try
            {
                var client = hub.Clients.Client(connectionId);
                await (message is CaptionUpdate update
                    ? client.SendAsync(CaptionHubMessages.Caption, update)
                    : client.SendAsync(CaptionHubMessages.SessionState, message));
            }
            catch (Exception e)
            {
                // The connection is gone; its disconnect handler removes this outbox.
                logger.LogDebug("Sending to viewer {ConnectionId} failed: {Error}", connectionId, e.Message);
                Close();
            }
        }
    }
}
