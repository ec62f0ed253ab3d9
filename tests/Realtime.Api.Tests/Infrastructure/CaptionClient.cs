using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Realtime.Api.Captions;
using Realtime.Shared.Captions;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>A real SignalR client of /hubs/captions that records every Caption and SessionState message.</summary>
public sealed class CaptionClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CaptionClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<CaptionUpdate>(CaptionHubMessages.Caption, update => Captions.Enqueue(update));
        _connection.On<SessionStateMessage>(CaptionHubMessages.SessionState, state => States.Enqueue(state.State));
        _connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the server (or this client) closes the connection, with the error if any.</summary>
    public Task<Exception?> Closed => _closed.Task;

    public ConcurrentQueue<CaptionUpdate> Captions { get; } = new();

    public ConcurrentQueue<string> States { get; } = new();

    public static async Task<CaptionClient> ConnectAsync(ApiHost host, string jwt)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/captions"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(jwt))
            .Build();
        var client = new CaptionClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task<WatchAnswer> WatchAsync(string sessionId, long afterSeq = 0) =>
        _connection.InvokeAsync<WatchAnswer>("Watch", sessionId, afterSeq);

    public Task UnwatchAsync(string sessionId) => _connection.InvokeAsync("Unwatch", sessionId);

    /// <summary>Publishes <paramref name="events"/> and fails the test if the hub refuses them.</summary>
    public async Task<PublishAccepted> PublishAsync(string sessionId, params JsonObject[] events) =>
        Accepted(await TryPublishAsync(sessionId, events));

    /// <summary>Publishes <paramref name="events"/> and returns the hub's answer, accepted or refused.</summary>
    public Task<PublishAnswer> TryPublishAsync(string sessionId, params JsonObject[] events) =>
        _connection.InvokeAsync<PublishAnswer>("Publish", sessionId, new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray()));

    /// <summary>Publishes an events array exactly as <paramref name="events"/> holds it (duplicate names included).</summary>
    public Task<PublishAnswer> TryPublishJsonAsync(string sessionId, System.Text.Json.JsonElement events) =>
        _connection.InvokeAsync<PublishAnswer>("Publish", sessionId, events);

    /// <summary>Waits until the recorded captions satisfy <paramref name="done"/>, failing after <paramref name="seconds"/>.</summary>
    public Task WaitForAsync(Func<IReadOnlyList<CaptionUpdate>, bool> done, int seconds = 15) =>
        Eventually.TrueAsync(() => done(Captions.ToList()),
            () => $"received {Captions.Count} captions: {string.Join(" | ", Captions.Select(c => $"{c.Seq}:{c.Kind}:{c.Text}"))}", TimeSpan.FromSeconds(seconds));

    private static PublishAccepted Accepted(PublishAnswer answer)
    {
        if (answer.Refusal is { } refusal) Assert.Fail($"Publish refused ({refusal.Code}): {refusal.Message}");
        return answer.Ack ?? throw new InvalidOperationException("The hub answered Publish with neither an ack nor a refusal.");
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
