using System.Collections.Concurrent;
using System.Text.Json;
using Realtime.Client.Transport;
using Realtime.Client.Wire;

namespace Realtime.Client.Tests;

/// <summary>An in-memory hub: records every call, answers through replaceable handlers, and raises hub events on demand.</summary>
public sealed class FakeTransport : ICaptionTransport
{
    public event Action<Caption>? CaptionReceived;

    public event Action<SessionStateChange>? SessionStateReceived;

    public event Action? Reconnected;

    /// <summary>Every Publish attempt, failed ones included, as the event ids it carried.</summary>
    public ConcurrentQueue<string[]> PublishAttempts { get; } = new();

    /// <summary>The event ids of every acknowledged Publish, in order.</summary>
    public ConcurrentQueue<string> Acknowledged { get; } = new();

    public ConcurrentQueue<long> WatchCalls { get; } = new();

    public Func<IReadOnlyList<JsonElement>, CancellationToken, Task>? BeforePublish { get; set; }

    /// <summary>The hub's refusal of a batch, or null to accept it; a refused batch is not acknowledged.</summary>
    public Func<IReadOnlyList<JsonElement>, HubRefusal?>? Refuse { get; set; }

    public Func<long, CancellationToken, Task<WatchAnswer>> OnWatch { get; set; } =
        (after, _) => Task.FromResult(new WatchAnswer("live", after, []));

    public async Task<PublishAnswer> PublishAsync(string sessionId, IReadOnlyList<JsonElement> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.GetProperty("event_id").GetString()!).ToArray();
        PublishAttempts.Enqueue(ids);
        if (BeforePublish is { } before) await before(events, cancellationToken);
        if (Refuse?.Invoke(events) is { } refusal) return new PublishAnswer(null, refusal);
        foreach (var id in ids) Acknowledged.Enqueue(id);
        return new PublishAnswer(new PublishAck(ids.Length, 0, Acknowledged.Count), null);
    }

    public Task<WatchAnswer> WatchAsync(string sessionId, long afterSeq, CancellationToken cancellationToken)
    {
        WatchCalls.Enqueue(afterSeq);
        return OnWatch(afterSeq, cancellationToken);
    }

    public Task UnwatchAsync(string sessionId, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Send(Caption caption) => CaptionReceived?.Invoke(caption);

    public void SendState(string sessionId, string state) => SessionStateReceived?.Invoke(new SessionStateChange(sessionId, state));

    public void Reconnect() => Reconnected?.Invoke();
}
