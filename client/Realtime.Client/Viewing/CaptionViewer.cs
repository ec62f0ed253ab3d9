using Realtime.Client.Transport;
using Realtime.Client.Wire;

namespace Realtime.Client.Viewing;

/// <summary>
/// Watches one session's captions with resume: <see cref="StartAsync"/> asks for everything after the given seq
/// and then applies live captions; after a reconnect (possibly to another api node) it watches again from the
/// last seq it applied. Each caption is applied once, in seq order, with no gap the server knows of.
/// <see cref="CaptionApplied"/> runs under the viewer's lock, in order: keep handlers short.
/// </summary>
public sealed class CaptionViewer : IAsyncDisposable
{
    private readonly ICaptionTransport _transport;
    private readonly string _sessionId;
    private readonly TimeSpan _retryDelay;
    private readonly Lock _gate = new();
    private readonly CaptionSequencer _sequencer;
    private readonly List<string> _segmentOrder = [];
    private readonly Dictionary<string, Caption> _segments = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public CaptionViewer(ICaptionTransport transport, string sessionId, long afterSeq = 0, TimeSpan? retryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        (_transport, _sessionId, _retryDelay) = (transport, sessionId, retryDelay ?? TimeSpan.FromSeconds(1));
        _sequencer = new CaptionSequencer(afterSeq);
        _transport.CaptionReceived += OnCaption;
        _transport.SessionStateReceived += OnState;
        _transport.Reconnected += OnReconnected;
    }

    public event Action<Caption>? CaptionApplied;

    public event Action<string>? StateChanged;

    /// <summary>The session's state as last heard (<c>issued</c>, <c>live</c>, <c>ended</c>, <c>expired</c>).</summary>
    public string? State { get; private set; }

    public long LastSeq
    {
        get { lock (_gate) return _sequencer.LastApplied; }
    }

    /// <summary>The latest caption of every segment, in the order segments first appeared.</summary>
    public IReadOnlyList<Caption> Segments
    {
        get { lock (_gate) return [.. _segmentOrder.Select(id => _segments[id])]; }
    }

    /// <summary>
    /// Watches from the seq given at construction; retries transient failures until it is answered. A refusal
    /// (its code, e.g. <c>not_visible</c>) ends it with a <see cref="CaptionRefusedException"/>: asking again cannot help.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => WatchAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _transport.CaptionReceived -= OnCaption;
        _transport.SessionStateReceived -= OnState;
        _transport.Reconnected -= OnReconnected;
        await _stopping.CancelAsync();
        _stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var token = linked.Token;
        while (true)
        {
            long afterSeq;
            lock (_gate)
            {
                _sequencer.BeginWatch();
                afterSeq = _sequencer.LastApplied;
            }
            try
            {
                var answer = await _transport.WatchAsync(_sessionId, afterSeq, token);
                if (answer.Refusal is { } refusal) throw new CaptionRefusedException(refusal);
                lock (_gate) Apply(_sequencer.CompleteWatch(answer));
                if (answer.State is { } state) SetState(state);
                return;
            }
            catch (Exception e) when (e is not CaptionRefusedException && !token.IsCancellationRequested)
            {
                await Task.Delay(_retryDelay, token);
            }
        }
    }

    private void OnReconnected()
    {
        // The new connection watches nothing yet: watch again from what was applied. Failures retry inside.
        _ = WatchAsync(CancellationToken.None).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    private void OnCaption(Caption caption)
    {
        if (caption.SessionId != _sessionId) return;
        lock (_gate) Apply(_sequencer.OnCaption(caption));
    }

    private void OnState(SessionStateChange change)
    {
        if (change.SessionId == _sessionId) SetState(change.State);
    }

    private void SetState(string state)
    {
        if (State == state) return;
        State = state;
        StateChanged?.Invoke(state);
    }

    private void Apply(IReadOnlyList<Caption> captions)
    {
        foreach (var caption in captions)
        {
            if (!_segments.ContainsKey(caption.SegmentId)) _segmentOrder.Add(caption.SegmentId);
            _segments[caption.SegmentId] = caption;
            CaptionApplied?.Invoke(caption);
        }
    }
}
