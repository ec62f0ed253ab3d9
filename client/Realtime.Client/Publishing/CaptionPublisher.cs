using System.Text.Json;
using Realtime.Client.Transport;
using Realtime.Client.Wire;

namespace Realtime.Client.Publishing;

/// <summary>
/// The speaker's side: hand it every OpenAI data-channel event as it arrives (<see cref="Add(JsonElement)"/>);
/// it batches them and publishes the batches to the session, one at a time and in order. A batch is kept until
/// the server acknowledges it and sent again after any failure or reconnect, so nothing is lost while an api
/// node or a silo goes away; the server ignores event ids it has seen, so sending twice is harmless. A refusal
/// is acted on by its code: <c>rate_limited</c> sends the batch again after the wait the hub names,
/// <c>invalid_events</c> drops that batch, and a refusal no later batch could pass (<c>session_ended</c>,
/// <c>not_owner</c>, <c>not_visible</c>) stops publishing. These are the relay rules every speaker client follows, the
/// browser's event-relay.js too, described once in docs/design.md §Client relay rules.
/// </summary>
public sealed class CaptionPublisher : IAsyncDisposable
{
    private readonly ICaptionTransport _transport;
    private readonly string _sessionId;
    private readonly CaptionPublisherOptions _options;
    private readonly Lock _gate = new();
    private readonly PublishQueue _queue;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TaskCompletionSource> _drainWaiters = [];
    private readonly Task _loop;

    public CaptionPublisher(ICaptionTransport transport, string sessionId, CaptionPublisherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        (_transport, _sessionId, _options) = (transport, sessionId, options ?? new CaptionPublisherOptions());
        _queue = new PublishQueue(_options with
        {
            MaxBatchSize = Math.Max(1, _options.MaxBatchSize),
            MaxBatchBytes = Math.Max(1, _options.MaxBatchBytes),
            MaxPendingEvents = Math.Max(1, _options.MaxPendingEvents),
        });
        _transport.Reconnected += Wake;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>A batch the server refused for good (invalid events, the session is over, not the owner's): it is dropped.</summary>
    public event Action<EventBatch, HubRefusal>? BatchRefused;

    /// <summary>Publishing stopped for good: every pending batch was dropped and later events are ignored.</summary>
    public event Action<HubRefusal>? Stopped;

    /// <summary>The refusal that stopped publishing, or null while it goes on.</summary>
    public HubRefusal? StoppedBy { get; private set; }

    /// <summary>An event the cap on waiting events pushed out (<see cref="CaptionPublisherOptions.MaxPendingEvents"/>).</summary>
    public event Action<JsonElement>? Dropped;

    /// <summary>Events dropped by the cap on waiting events.</summary>
    public long DroppedCount { get; private set; }

    /// <summary>The latest acknowledgement's last seq of the session.</summary>
    public long LastSeq { get; private set; }

    /// <summary>Sealed batches not yet acknowledged.</summary>
    public int PendingBatches
    {
        get { lock (_gate) return _queue.SealedCount; }
    }

    public void Add(JsonElement openAIEvent)
    {
        bool sealedOne;
        List<JsonElement> dropped = [];
        // Clone: the caller's JsonDocument may be disposed long before a retry sends this event.
        lock (_gate)
        {
            if (StoppedBy is not null) return;
            sealedOne = _queue.Add(openAIEvent.Clone(), dropped);
            DroppedCount += dropped.Count;
        }
        dropped.ForEach(gone => Dropped?.Invoke(gone));
        if (sealedOne) Wake();
    }

    public void Add(string openAIEventJson)
    {
        using var document = JsonDocument.Parse(openAIEventJson);
        Add(document.RootElement);
    }

    /// <summary>Sends what has been added and waits until every batch is acknowledged or refused (or publishing stopped).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _queue.Seal();
            if (_queue.IsEmpty) return;
            _drainWaiters.Add(drained);
        }
        Wake();
        await drained.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _transport.Reconnected -= Wake;
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        _wake.Dispose();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed: nothing left to wake.
        }
    }

    private async Task RunAsync()
    {
        var stop = _stopping.Token;
        var pause = _options.FlushInterval;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_gate) _queue.Seal();
            // After a failure wait (or a reconnect) before trying again; otherwise batch for FlushInterval.
            pause = await SendPendingAsync(stop) ?? _options.FlushInterval;
        }
    }

    /// <summary>
    /// Sends sealed batches oldest first until none is left (null), or one must wait: then the pause before the
    /// same batch goes again.
    /// </summary>
    private async Task<TimeSpan?> SendPendingAsync(CancellationToken stop)
    {
        while (NextBatch() is { } batch)
        {
            PublishAnswer answer;
            try
            {
                answer = await _transport.PublishAsync(_sessionId, batch.Events, stop);
            }
            catch (Exception)
            {
                return _options.RetryDelay; // kept: the same batch goes again after RetryDelay or a reconnect
            }
            if (answer.Refusal is { Code: HubRefusalCodes.RateLimited } slowDown)
                return slowDown.RetryAfterMs > 0 ? TimeSpan.FromMilliseconds(slowDown.RetryAfterMs.Value) : _options.RetryDelay;
            if (answer.Ack is { } ack) LastSeq = Math.Max(LastSeq, ack.LastSeq);
            else Refused(batch, answer.Refusal);
            Done(batch);
        }
        return null;
    }

    private void Refused(EventBatch batch, HubRefusal? refusal)
    {
        refusal ??= new HubRefusal(HubRefusalCodes.InvalidEvents, "The hub answered with neither an ack nor a refusal.");
        BatchRefused?.Invoke(batch, refusal);
        if (!HubRefusalCodes.EndsPublishing(refusal.Code)) return;
        lock (_gate)
        {
            StoppedBy = refusal;
            _queue.Clear();
        }
        Stopped?.Invoke(refusal);
    }

    private EventBatch? NextBatch()
    {
        lock (_gate) return _queue.Next;
    }

    private void Done(EventBatch batch)
    {
        List<TaskCompletionSource>? drained = null;
        lock (_gate)
        {
            if (StoppedBy is null) _queue.Done(batch);
            if (_queue.IsEmpty)
            {
                drained = [.. _drainWaiters];
                _drainWaiters.Clear();
            }
        }
        foreach (var waiter in drained ?? []) waiter.TrySetResult();
    }
}
