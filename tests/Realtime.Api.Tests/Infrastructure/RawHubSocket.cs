using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>
/// A bare WebSocket speaking SignalR's JSON hub protocol to /hubs/captions, for arguments no SignalR client
/// would serialize: duplicate names, unpaired surrogates, invalid UTF-8. Frames are binary, so the WebSocket layer
/// itself (which checks text frames' UTF-8) lets the bytes through to the hub, as a hostile client would.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket = new();
    private readonly List<byte> _received = [];
    private int _nextInvocation;

    public static async Task<RawHubSocket> ConnectAsync(ApiHost host, string jwt)
    {
        var hub = new RawHubSocket();
        var uri = new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = "/hubs/captions", Query = "access_token=" + Uri.EscapeDataString(jwt) }.Uri;
        using var timeout = new CancellationTokenSource(Limit);
        await hub._socket.ConnectAsync(uri, timeout.Token);
        await hub.SendAsync("""{"protocol":"json","version":1}"""u8.ToArray());
        var handshake = await hub.ReceiveAsync();
        Assert.True(handshake["error"] is null, $"handshake refused: {handshake.ToJsonString()}");
        return hub;
    }

    /// <summary>Invokes <c>Publish(sessionId, events)</c> with <paramref name="eventsJson"/> sent byte for byte; returns the completion.</summary>
    public async Task<JsonObject> PublishRawAsync(string sessionId, byte[] eventsJson)
    {
        var id = (++_nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var head = Encoding.UTF8.GetBytes($$"""{"type":1,"invocationId":"{{id}}","target":"Publish","arguments":["{{sessionId}}",""");
        await SendAsync([.. head, .. eventsJson, .. "]}"u8]);
        while (true)
        {
            var message = await ReceiveAsync();
            if ((int?)message["type"] == 3 && (string?)message["invocationId"] == id) return message;
        }
    }

    private async Task SendAsync(byte[] json)
    {
        using var timeout = new CancellationTokenSource(Limit);
        await _socket.SendAsync((byte[])[.. json, RecordSeparator], WebSocketMessageType.Binary, true, timeout.Token);
    }

    /// <summary>The next hub message (pings included), read up to its record separator.</summary>
    private async Task<JsonObject> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Limit);
        var buffer = new byte[4096];
        int end;
        while ((end = _received.IndexOf(RecordSeparator)) < 0)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) Assert.Fail($"the hub closed the socket: {result.CloseStatus} {result.CloseStatusDescription}");
            _received.AddRange(buffer.AsSpan(0, result.Count));
        }
        var message = JsonNode.Parse(_received.GetRange(0, end).ToArray())!.AsObject();
        _received.RemoveRange(0, end + 1);
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Limit);
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        _socket.Dispose();
    }
}
