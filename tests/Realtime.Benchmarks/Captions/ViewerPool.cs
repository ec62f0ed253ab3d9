using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Realtime.Benchmarks.Captions;

/// <summary>
/// SignalR .NET clients on the WebSockets transport (no negotiation round trip), connected in parallel batches,
/// each recording every <c>Caption</c> it receives.
/// </summary>
public sealed class ViewerPool : IAsyncDisposable
{
    private const int ConnectBatch = 50;
    private readonly List<HubConnection> _connections = [];

    public List<ViewerRecorder> Recorders { get; } = [];

    /// <param name="hubFor">The hub url of viewer i (viewers alternate between nodes).</param>
    /// <param name="joinAsync">Joins the session after the connection started (Watch, or the plain hub's Join).</param>
    public static async Task<ViewerPool> ConnectAsync(int viewers, Func<int, Uri> hubFor, string? jwt, Func<HubConnection, Task> joinAsync)
    {
        var pool = new ViewerPool();
        for (var first = 0; first < viewers; first += ConnectBatch)
        {
            var batch = Enumerable.Range(first, Math.Min(ConnectBatch, viewers - first)).Select(async i =>
            {
                var recorder = new ViewerRecorder();
                var connection = Build(hubFor(i), jwt);
                connection.On<CaptionText>("Caption", update => recorder.Record(update.Text));
                await connection.StartAsync();
                await joinAsync(connection);
                return (connection, recorder);
            });
            foreach (var (connection, recorder) in await Task.WhenAll(batch))
            {
                pool._connections.Add(connection);
                pool.Recorders.Add(recorder);
            }
        }
        return pool;
    }

    public static HubConnection Build(Uri hub, string? jwt) => new HubConnectionBuilder()
        .WithUrl(hub, HttpTransportType.WebSockets, o =>
        {
            o.SkipNegotiation = true;
            if (jwt is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(jwt);
        })
        .Build();

    /// <summary>Waits until every viewer has <paramref name="expectedEach"/> updates or nothing arrived for a second (at most 15 s).</summary>
    public async Task DrainAsync(long expectedEach)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        long last = -1;
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var total = Recorders.Sum(r => (long)r.Count);
            if (total >= expectedEach * Recorders.Count) return;
            if (total != last) (last, quietSince) = (total, DateTime.UtcNow);
            else if (DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(1)) return;
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in _connections.Chunk(ConnectBatch))
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
    }
}
