using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Realtime.Client.Wire;

namespace Realtime.Client.Transport;

/// <summary>
/// <see cref="ICaptionTransport"/> over a SignalR connection to an api node's <c>/hubs/captions</c>, reconnecting
/// forever. Point it at a load balancer and a reconnect may land on another node; the hub's contract makes
/// that safe (publishes are idempotent by event id, watches resume from a seq).
/// </summary>
public sealed class HubCaptionTransport : ICaptionTransport, IAsyncDisposable
{
    public const string HubPath = "/hubs/captions";

    private readonly HubConnection _connection;

    public HubCaptionTransport(Uri apiBaseAddress, Func<Task<string?>> accessToken, Action<IHubConnectionBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(apiBaseAddress);
        ArgumentNullException.ThrowIfNull(accessToken);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(apiBaseAddress, HubPath), o => o.AccessTokenProvider = accessToken)
            .WithAutomaticReconnect(new ForeverRetryPolicy());
        configure?.Invoke(builder);
        _connection = builder.Build();
        _connection.On<Caption>("Caption", c => CaptionReceived?.Invoke(c));
        _connection.On<SessionStateChange>("SessionState", s => SessionStateReceived?.Invoke(s));
        _connection.Reconnected += _ =>
        {
            Reconnected?.Invoke();
            return Task.CompletedTask;
        };
    }

    public event Action<Caption>? CaptionReceived;

    public event Action<SessionStateChange>? SessionStateReceived;

    public event Action? Reconnected;

    public HubConnectionState State => _connection.State;

    /// <summary>Connects, trying again every <paramref name="retryDelay"/> (default 1 s) until it works or is cancelled.</summary>
    public async Task StartAsync(CancellationToken cancellationToken, TimeSpan? retryDelay = null)
    {
        while (true)
        {
            try
            {
                await _connection.StartAsync(cancellationToken);
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(retryDelay ?? TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>The hub answers refusals as data (Publish's and Watch's), so any exception here is a fault worth retrying.</summary>
    public Task<PublishAnswer> PublishAsync(string sessionId, IReadOnlyList<JsonElement> events, CancellationToken cancellationToken) =>
        _connection.InvokeAsync<PublishAnswer>("Publish", sessionId, events, cancellationToken);

    public Task<WatchAnswer> WatchAsync(string sessionId, long afterSeq, CancellationToken cancellationToken) =>
        _connection.InvokeAsync<WatchAnswer>("Watch", sessionId, afterSeq, cancellationToken);

    public Task UnwatchAsync(string sessionId, CancellationToken cancellationToken) =>
        _connection.InvokeAsync("Unwatch", sessionId, cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
