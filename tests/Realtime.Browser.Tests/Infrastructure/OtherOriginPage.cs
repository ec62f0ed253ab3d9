using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Realtime.Browser.Tests.Infrastructure;

/// <summary>
/// A page served by its own Kestrel on another loopback port: a real second origin, so what the page asks of the
/// api crosses origins exactly as a tenant's web app's requests do (CORS preflights included).
/// </summary>
public sealed class OtherOriginPage : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtherOriginPage(WebApplication app, Uri url) => (_app, Url) = (app, url);

    public Uri Url { get; }

    public static async Task<OtherOriginPage> StartAsync(string path, string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet(path, () => Results.Content(html, "text/html"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new OtherOriginPage(app, new Uri(new Uri(address), path));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
