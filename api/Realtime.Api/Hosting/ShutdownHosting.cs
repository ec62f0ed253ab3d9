namespace Realtime.Api.Hosting;

/// <summary>
/// How long a stopping node (SIGTERM, Ctrl+C) may take: <c>Hosting:ShutdownTimeoutSeconds</c>, default 30. In that
/// time the web server stops first — it takes no new request, lets in-flight ones finish, and SignalR closes its
/// connections so clients reconnect to another node — then the other services, and the co-hosted silo last: it was
/// registered first, and hosted services stop in reverse order. So every in-flight request still has its grains,
/// and the silo leaves the cluster gracefully (its grains deactivate and its membership entry is marked dead).
/// </summary>
public static class ShutdownHosting
{
    public const string TimeoutKey = "Hosting:ShutdownTimeoutSeconds";

    public const int DefaultTimeoutSeconds = 30;

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration config)
    {
        var seconds = config.GetValue(TimeoutKey, DefaultTimeoutSeconds);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, seconds)));
        return services;
    }
}
