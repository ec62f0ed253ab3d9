using Microsoft.Playwright;

namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>
/// Relays the page's WebSockets to the real server through Playwright, and can cut the open one from the
/// page's side, as a dropped network would: the page sees its socket close and must reconnect on its own.
/// </summary>
public sealed class SocketCutter
{
    private readonly Lock _gate = new();
    private IWebSocketRoute? _current;
    private int _opened;

    public int Opened => Volatile.Read(ref _opened);

    public void Relay(IWebSocketRoute route)
    {
        route.ConnectToServer();
        lock (_gate) _current = route;
        Interlocked.Increment(ref _opened);
    }

    public Task CutAsync()
    {
        IWebSocketRoute? route;
        lock (_gate) (route, _current) = (_current, null);
        if (route is null) throw new InvalidOperationException("No WebSocket is open to cut.");
        // 1012 "service restart": an abnormal close, as when an api node goes away.
        return route.CloseAsync(new WebSocketRouteCloseOptions { Code = 1012, Reason = "cut by the test" });
    }
}
