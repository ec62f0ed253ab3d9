using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Realtime.Benchmarks.Captions;

/// <summary>A minimal ASP.NET Core app on 127.0.0.1 with <see cref="PlainCaptionHub"/> at /hubs/plain.</summary>
public sealed class PlainBroadcastServer(WebApplication app) : IAsyncDisposable
{
    public Uri Hub { get; } = new(new Uri(app.Urls.First()), "/hubs/plain");

    public static async Task<PlainBroadcastServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(BenchmarkLogging.Settings);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<PlainCaptionHub>("/hubs/plain");
        await app.StartAsync();
        return new PlainBroadcastServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
