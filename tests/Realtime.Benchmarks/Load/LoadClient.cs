namespace Realtime.Benchmarks.Load;

/// <summary>
/// The one HttpClient a token scenario's closed-loop clients share: enough pooled connections for every client
/// on two servers at once, connections kept for the whole run, no proxy or redirects, a 10 s per-request bound.
/// </summary>
public static class LoadClient
{
    public static HttpClient Create(int clients) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = clients * 2,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
}
