using Microsoft.AspNetCore.SignalR;

namespace Realtime.Api.Captions;

/// <summary>
/// One viewer connection's queue of messages for one session, drained by a single pump so messages leave in
/// order. A viewer that keeps up has an empty queue and each message goes out at once. A slow viewer's queue
/// grows; then a newer partial of a segment replaces the older one still waiting (coalescing), so it may
/// skip intermediate partials but never a final. A viewer stuck beyond <c>maxPending</c> is disconnected:
/// its client reconnects and resumes from its last seq. Messages are written to the connection as the node
/// serialized them once for all its viewers (<see cref="ViewerMessage"/>).
/// </summary>
public sealed partial class ViewerOutbox(HubConnectionContext connection, int maxPending, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<ViewerMessage> _queue = new();
    private bool _pumping;
    private bool _closed;

    public string ConnectionId => connection.ConnectionId;

    public void Enqueue(ViewerMessage message)
    {
        lock (_gate)
        {
            if (_closed) return;
            if (message.Update is { IsFinal: false } partial) DropWaitingPartial(partial.SegmentId);
            _queue.AddLast(message);
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
            if (node.Value.Update is { IsFinal: false } waiting && waiting.SegmentId == segmentId)
            {
                _queue.Remove(node);
                return;
            }
    }

    private bool OverflowedLocked()
    {
        if (_queue.Count <= maxPending) return false;
        LogViewerBehind(logger, ConnectionId, _queue.Count);
        _closed = true;
        _queue.Clear();
        connection.Abort();
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
            ViewerMessage message;
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
                await connection.WriteAsync(message.Wire);
            }
            catch (Exception e)
            {
                // The connection is gone; its disconnect handler removes this outbox.
                LogSendFailed(logger, ConnectionId, e.Message);
                Close();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer {ConnectionId} fell {Count} updates behind; disconnecting it so it resumes from its last seq.")]
    private static partial void LogViewerBehind(ILogger logger, string connectionId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending to viewer {ConnectionId} failed: {Error}")]
    private static partial void LogSendFailed(ILogger logger, string connectionId, string error);
}
