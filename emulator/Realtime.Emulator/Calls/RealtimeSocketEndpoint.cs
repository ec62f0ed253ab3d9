using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Realtime.Emulator.Auth;
using Realtime.Emulator.ClientSecrets;
using Realtime.Emulator.Errors;

namespace Realtime.Emulator.Calls;

/// <summary>
/// <c>GET /v1/realtime</c> as a WebSocket, with the platform <c>sk-</c> key, as OpenAI serves it to servers:
/// <c>?model=…</c> opens a session of its own over the socket, and <c>?call_id=rtc_…</c> is the sideband of a live
/// WebRTC call: it receives every server event of that call and may send client events into it.
/// </summary>
internal static class RealtimeSocketEndpoint
{
    /// <summary>As on the data channel: a client event is a JSON text message, and none needs more than this.</summary>
    private const int MaxMessageBytes = 1 << 20;

    /// <summary>Events queued for a slow sideband reader before it is closed: bounded memory whatever the call sends.</summary>
    private const int MaxQueuedEvents = 10_000;

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var refusal = services.GetRequiredService<ApiKeyAuthenticator>().Check(context.Request) ?? Target(context.Request, out _, out _);
        string? model = null;
        RealtimeCall? call = null;
        if (refusal is null)
        {
            Target(context.Request, out model, out var callId);
            call = callId is null ? null : services.GetRequiredService<RealtimeCallRegistry>().Find(callId);
            if (callId is not null && call is null) refusal = OpenAIError.CallNotFound(callId);
        }
        if (refusal is null && !context.WebSockets.IsWebSocketRequest) refusal = OpenAIError.WebSocketRequired();
        if (refusal is not null)
        {
            await refusal.ToResult().ExecuteAsync(context);
            return;
        }
        if (call is not null)
        {
            await FollowCallAsync(context, call);
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await OwnSessionAsync(socket, model!, context.RequestAborted);
    }

    /// <summary>Exactly one of <c>model</c> and <c>call_id</c>, as OpenAI's clients send them.</summary>
    private static OpenAIError? Target(HttpRequest request, out string? model, out string? callId)
    {
        model = request.Query["model"].FirstOrDefault(v => !string.IsNullOrEmpty(v));
        callId = request.Query["call_id"].FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (model is null && callId is null) return OpenAIError.MissingParameter("model");
        return model is not null && callId is not null ? OpenAIError.OneTargetOnly() : null;
    }

    private static async Task OwnSessionAsync(WebSocket socket, string model, CancellationToken cancel)
    {
        var request = new ClientSecretRequest(ClientSecretRequestValidator.DefaultSeconds, new JsonObject { ["type"] = "realtime", ["model"] = model });
        var processor = new RealtimeEventProcessor(ClientSecretSession.Describe(request));
        await SendAllAsync(socket, processor.Open(), cancel);
        while (await ReceiveAsync(socket, cancel) is { } message)
        {
            await SendAllAsync(socket, processor.Handle(message), cancel);
        }
    }

    // Subscribed before the upgrade is answered: an event the call sends once the client sees the socket open
    // must reach it.
    private static async Task FollowCallAsync(HttpContext context, RealtimeCall call)
    {
        var cancel = context.RequestAborted;
        var queue = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxQueuedEvents) { FullMode = BoundedChannelFullMode.DropWrite });
        void Enqueue(string serverEvent)
        {
            if (!queue.Writer.TryWrite(serverEvent)) queue.Writer.TryComplete();
        }
        call.ServerEvent += Enqueue;
        using var socket = await AcceptOrUnsubscribeAsync(context, call, Enqueue);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _ = call.Ended.ContinueWith(_ => queue.Writer.TryComplete(), TaskScheduler.Default);
        var writer = WriteAsync(socket, queue.Reader, stop.Token);
        try
        {
            while (await ReceiveAsync(socket, stop.Token) is { } message) call.Inject(message);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The call ended or the reader fell too far behind: the writer closes the socket.
        }
        finally
        {
            call.ServerEvent -= Enqueue;
            queue.Writer.TryComplete();
        }
        await writer;
    }

    private static async Task<WebSocket> AcceptOrUnsubscribeAsync(HttpContext context, RealtimeCall call, Action<string> subscriber)
    {
        try
        {
            return await context.WebSockets.AcceptWebSocketAsync();
        }
        catch
        {
            call.ServerEvent -= subscriber;
            throw;
        }
    }

    private static async Task WriteAsync(WebSocket socket, ChannelReader<string> events, CancellationToken cancel)
    {
        try
        {
            await foreach (var serverEvent in events.ReadAllAsync(cancel))
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(serverEvent), WebSocketMessageType.Text, true, cancel);
            }
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "call ended", cancel);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away; nothing is left to tell it.
        }
    }

    private static async Task SendAllAsync(WebSocket socket, IReadOnlyList<JsonObject> events, CancellationToken cancel)
    {
        foreach (var serverEvent in events)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(serverEvent.ToJsonString()), WebSocketMessageType.Text, true, cancel);
        }
    }

    /// <summary>The next text message, or null once the client closed (or sent what no client event is).</summary>
    private static async Task<string?> ReceiveAsync(WebSocket socket, CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancel);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancel);
                    return null;
                }
                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageBytes)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "client event over 1 MiB", cancel);
                    return null;
                }
                if (result.EndOfMessage && result.MessageType == WebSocketMessageType.Text) return Encoding.UTF8.GetString(message.ToArray());
                if (result.EndOfMessage) message.SetLength(0); // binary messages are ignored, as on the data channel
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }
}
