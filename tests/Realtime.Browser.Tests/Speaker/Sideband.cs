using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Realtime.Api.Upstream;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>
/// The emulator's sideband of a live call (<c>GET /v1/realtime?call_id=…</c> with the platform key), as OpenAI's
/// server-side controls use it: the test sends client events into the speaker's call without touching the page,
/// and sees the socket closed when the call ends.
/// </summary>
public sealed class Sideband : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;

    private Sideband(ClientWebSocket socket) => _socket = socket;

    public static async Task<Sideband> AttachAsync(Uri apiBase, string callId)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + UpstreamEndpoint.EmulatorKey);
        var uri = new UriBuilder(apiBase) { Scheme = "ws", Path = "/v1/realtime", Query = "call_id=" + Uri.EscapeDataString(callId) }.Uri;
        using var timeout = new CancellationTokenSource(Limit);
        await socket.ConnectAsync(uri, timeout.Token);
        return new Sideband(socket);
    }

    /// <summary>Has the emulator answer one user turn with text: a user message, then response.create.</summary>
    public async Task SayAsync(string text)
    {
        var escaped = JsonSerializer.Serialize(text);
        await SendAsync($$$"""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":{{{escaped}}}}]}}""");
        // A text reply completes at once; a spoken one would play in real time and hold off the next turn's response.
        await SendAsync("""{"type":"response.create","response":{"output_modalities":["text"]}}""");
    }

    public async Task SendAsync(string clientEvent)
    {
        using var timeout = new CancellationTokenSource(Limit);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(clientEvent), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>Hands every server event to <paramref name="received"/> with the moment it arrived, until the socket closes or <paramref name="stop"/>.</summary>
    public async Task ReadAsync(Action<JsonElement, DateTimeOffset> received, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!stop.IsCancellationRequested)
        {
            var result = await _socket.ReceiveAsync(buffer, stop);
            if (result.MessageType == WebSocketMessageType.Close) return;
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            var at = DateTimeOffset.UtcNow;
            using (var document = JsonDocument.Parse(message.ToArray())) received(document.RootElement.Clone(), at);
            message.SetLength(0);
        }
    }

    /// <summary>Reads (and drops) server events until the emulator closes the socket: the call has ended.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return result.CloseStatus;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
