using System.Text.Json;
using Realtime.Client.Wire;

namespace Realtime.Client.Speaking;

/// <summary>
/// Follows a call's turns to know when the last one has settled: a user item is pending from its commit until its
/// final (or failed) caption comes back through the hub, an answer from <c>response.output_item.added</c> until its
/// caption settles. The time from <c>speech_stopped</c> to the user item's final caption is the final-caption latency.
/// </summary>
public sealed class SpeakerTurns
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _speechStopped = new(StringComparer.Ordinal);
    private readonly List<TimeSpan> _latencies = [];
    private TaskCompletionSource _changed = NewSignal();
    private bool _speaking;

    internal SpeakerTurns(TimeProvider time) => _time = time;

    /// <summary>Items committed or answers started whose caption has not settled yet.</summary>
    public int Pending
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>Turns whose final caption came back.</summary>
    public int Settled { get; private set; }

    /// <summary>From each user turn's <c>speech_stopped</c> to its final caption arriving through the hub.</summary>
    public IReadOnlyList<TimeSpan> FinalLatencies
    {
        get { lock (_gate) return [.. _latencies]; }
    }

    /// <summary>Completes once no speech is in progress and no turn is pending.</summary>
    public async Task WhenSettledAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (!_speaking && _pending.Count == 0) return;
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    internal void OnServerEvent(JsonElement serverEvent)
    {
        var type = ServerEventRelay.Text(serverEvent, "type");
        lock (_gate)
        {
            switch (type)
            {
                case "input_audio_buffer.speech_started":
                    _speaking = true;
                    break;
                case "input_audio_buffer.speech_stopped":
                    _speaking = false;
                    if (ServerEventRelay.Text(serverEvent, "item_id") is { } stopped) _speechStopped[stopped] = _time.GetTimestamp();
                    break;
                case "input_audio_buffer.committed":
                    if (ServerEventRelay.Text(serverEvent, "item_id") is { } committed) Expect(committed);
                    break;
                case "response.output_item.added" when serverEvent.TryGetProperty("item", out var item):
                    if (ServerEventRelay.Text(item, "id") is { } answer) Expect(answer);
                    break;
                default:
                    return;
            }
            Signal();
        }
    }

    internal void OnCaption(Caption caption)
    {
        if (!caption.IsSettled || caption.ItemId is not { } itemId) return;
        lock (_gate)
        {
            if (!_settled.Add(itemId)) return;
            _pending.Remove(itemId);
            Settled++;
            if (caption.Role == "user" && _speechStopped.Remove(itemId, out var stoppedAt)) _latencies.Add(_time.GetElapsedTime(stoppedAt));
            Signal();
        }
    }

    /// <summary>A caption may settle before its item's event is handled here; such an item is not pending.</summary>
    private void Expect(string itemId)
    {
        if (!_settled.Contains(itemId)) _pending.Add(itemId);
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
