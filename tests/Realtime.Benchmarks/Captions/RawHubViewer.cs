using System.Diagnostics;
using System.Net.WebSockets;

namespace Realtime.Benchmarks.Captions;

/// <summary>
/// A viewer that speaks SignalR's JSON hub protocol itself over one <see cref="ClientWebSocket"/>: handshake, one
/// join invocation, pings, and for every <c>Caption</c> the receive time and its text's stamp, read by a byte scan
/// (<see cref="HubRecords"/>). It is the load generator of both paths, so it does as little per update as it can:
/// a full HubConnection deserializes and dispatches every message, work that would land in the servers' latencies
/// on a machine whose cores everything shares.
/// </summary>
public sealed class RawHubViewer : IAsyncDisposable
{
    /// <summary>The server drops a client silent for 30 s (SignalR's ClientTimeoutInterval); this viewer never is.</summary>
    private static readonly long PingEvery = Stopwatch.Frequency * 10;

    private readonly ClientWebSocket _socket = new();
    private readonly ViewerRecorder _recorder;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = new byte[4096];
    private int _filled;
    private long _lastSent;
    private Task _receiving = Task.CompletedTask;

    private RawHubViewer(ViewerRecorder recorder)
    {
        _recorder = recorder;
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR's own pings keep the connection alive
    }

    /// <summary>Connects to <paramref name="hub"/> (http url; the JWT goes in access_token) and returns once <paramref name="join"/> completed.</summary>
    public static async Task<RawHubViewer> ConnectAsync(Uri hub, string? jwt, ReadOnlyMemory<byte> join, ViewerRecorder recorder)
    {
        var viewer = new RawHubViewer(recorder);
        try
        {
            await viewer._socket.ConnectAsync(WebSocketUri(hub, jwt), CancellationToken.None);
            viewer._receiving = viewer.ReceiveAsync();
            await viewer.SendAsync(HubRecords.Handshake);
            await viewer.SendAsync(join);
            await viewer._joined.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return viewer;
        }
        catch
        {
            await viewer.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
            // Gone already, or the server is slow to close: either way the socket is released below.
        }
        _socket.Dispose();
    }

    private static Uri WebSocketUri(Uri hub, string? jwt)
    {
        var uri = new UriBuilder(hub) { Scheme = hub.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        if (jwt is not null) uri.Query = "access_token=" + Uri.EscapeDataString(jwt);
        return uri.Uri;
    }

    private async Task SendAsync(ReadOnlyMemory<byte> record)
    {
        _lastSent = Stopwatch.GetTimestamp();
        await _socket.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                if (_filled == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                _filled += result.Count;
                var (pingDue, closed) = ReadRecords(Stopwatch.GetTimestamp());
                if (closed) break;
                // Only this loop sends once joined (the join's own send finished before its completion came).
                if ((pingDue || Stopwatch.GetTimestamp() - _lastSent > PingEvery) && _joined.Task.IsCompletedSuccessfully)
                    await SendAsync(HubRecords.PingRecord);
            }
            _joined.TrySetException(new InvalidOperationException("The hub closed the connection before the join completed."));
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _joined.TrySetException(e);
        }
    }

    /// <summary>Handles every whole record in the buffer (one receive may hold several, or part of one) and keeps the rest.</summary>
    private (bool PingDue, bool Closed) ReadRecords(long receivedAt)
    {
        var (pingDue, closed) = (false, false);
        var consumed = 0;
        int end;
        while ((end = _buffer.AsSpan(consumed, _filled - consumed).IndexOf(HubRecords.Separator)) >= 0)
        {
            var record = _buffer.AsSpan(consumed, end);
            consumed += end + 1;
            switch (HubRecords.TypeOf(record))
            {
                case HubRecords.Invocation:
                    if (HubRecords.TryReadCaptionStamp(record, out var stamp)) _recorder.Record(stamp, receivedAt);
                    break;
                case HubRecords.Completion:
                    Joined(record);
                    break;
                case HubRecords.Ping:
                    pingDue = true;
                    break;
                case HubRecords.Close:
                    closed = true;
                    break;
                case 0:
                    if (HubRecords.HasError(record)) Joined(record); // a refused handshake
                    break;
            }
        }
        _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
        _filled -= consumed;
        return (pingDue, closed);
    }

    private void Joined(ReadOnlySpan<byte> answer)
    {
        if (HubRecords.HasError(answer))
            _joined.TrySetException(new InvalidOperationException("The hub refused: " + System.Text.Encoding.UTF8.GetString(answer)));
        else
            _joined.TrySetResult();
    }
}
