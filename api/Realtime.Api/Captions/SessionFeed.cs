using Realtime.Api.Sessions;
using Realtime.Shared.Captions;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Captions;

/// <summary>
/// This node's viewers of one session and what the session grain has sent the node. Each viewer has a
/// watermark (the last seq it was given): an update reaches a viewer once, only if it is newer, in seq
/// order. A viewer whose Watch is still waiting for the grain's catch-up has its live updates held back
/// until the catch-up sets its watermark, so nothing is lost and nothing doubled between the two.
/// </summary>
public sealed class SessionFeed(string sessionId)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Viewer> _viewers = new(StringComparer.Ordinal);
    private SessionState _state;

    public string SessionId => sessionId;

    /// <summary>The highest seq this node has received for the session (from batches or catch-ups).</summary>
    public long LastSeq { get; private set; }

    public bool IsEmpty
    {
        get { lock (_gate) return _viewers.Count == 0; }
    }

    public int ViewerCount
    {
        get { lock (_gate) return _viewers.Count; }
    }

    /// <summary>Adds (or restarts) a viewer whose catch-up is on its way; live updates for it are held meanwhile.</summary>
    public void AddPending(ViewerOutbox outbox)
    {
        lock (_gate)
        {
            if (_viewers.Remove(outbox.ConnectionId, out var previous)) previous.Outbox.Close();
            _viewers[outbox.ConnectionId] = new Viewer(outbox);
        }
    }

    /// <summary>The catch-up arrived: the viewer has everything up to its LastSeq; send it what came in since.</summary>
    public void Activate(string connectionId, CatchUp catchUp)
    {
        lock (_gate)
        {
            LastSeq = Math.Max(LastSeq, catchUp.LastSeq);
            if (!_viewers.TryGetValue(connectionId, out var viewer)) return;
            viewer.Watermark = Math.Max(viewer.Watermark, catchUp.LastSeq);
            foreach (var held in viewer.Held ?? []) Offer(viewer, held);
            viewer.Held = null;
        }
    }

    public bool Remove(string connectionId)
    {
        lock (_gate)
        {
            if (!_viewers.Remove(connectionId, out var viewer)) return false;
            viewer.Outbox.Close();
            return true;
        }
    }

    /// <summary>
    /// Delivers updates (a batch, a refresh's or a gap fill's catch-up) to every viewer that lacks them. Each update
    /// becomes one <see cref="ViewerMessage"/> for all viewers (serialized once, not once per viewer), and viewers
    /// are served one after the other, so a viewer's updates of one batch reach its connection back to back and
    /// usually leave in one WebSocket frame.
    /// </summary>
    public void Deliver(IReadOnlyList<CaptionUpdate> updates, SessionState state)
    {
        var messages = new ViewerMessage[updates.Count];
        for (var i = 0; i < messages.Length; i++) messages[i] = ViewerMessage.Caption(updates[i]);
        lock (_gate)
        {
            foreach (var update in updates) LastSeq = Math.Max(LastSeq, update.Seq);
            ViewerMessage? stateMessage = null;
            if (state != _state && state != SessionState.None)
            {
                _state = state;
                stateMessage = ViewerMessage.State(new SessionStateMessage(sessionId, state.Wire()));
            }
            foreach (var viewer in _viewers.Values)
            {
                if (viewer.Held is { } held) held.AddRange(messages);
                else foreach (var message in messages) Offer(viewer, message);
                if (stateMessage is not null) viewer.Outbox.Enqueue(stateMessage);
            }
        }
    }

    private static void Offer(Viewer viewer, ViewerMessage message)
    {
        var seq = message.Update!.Seq;
        if (seq <= viewer.Watermark) return;
        viewer.Watermark = seq;
        viewer.Outbox.Enqueue(message);
    }

    private sealed class Viewer(ViewerOutbox outbox)
    {
        public ViewerOutbox Outbox { get; } = outbox;

        public long Watermark { get; set; }

        /// <summary>Updates that arrived before the viewer's catch-up; null once it is live.</summary>
        public List<ViewerMessage>? Held { get; set; } = [];
    }
}
