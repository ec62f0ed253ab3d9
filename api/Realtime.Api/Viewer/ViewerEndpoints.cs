using Microsoft.Net.Http.Headers;
using Realtime.Api.Problems;
using Realtime.Api.Sessions;

namespace Realtime.Api.Viewer;

/// <summary>
/// The browser pages and their files: GET /watch/{id}?token=… (the live caption page for viewers), GET /speak (the
/// speaker's page) and GET /viewer/{file} (the scripts and styles both use, the speaker module among them).
/// The pages are static: the viewer's token stays in the link and the speaker's JWT in the page, and the api's
/// routes and hub check them. Files are read from <c>Viewer:AssetsPath</c>, by default the <c>viewer/</c> folder
/// the build puts next to the api.
/// </summary>
public static class ViewerEndpoints
{
    // Everything from this origin only: no inline script or style, no CDN, no framing by other sites.
    // connect-src 'self' covers the hub's WebSocket (ws/wss on the same host) and the api's routes too.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public const string AssetsPathKey = "Viewer:AssetsPath";

    public static IEndpointRouteBuilder MapViewerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var configured = endpoints.ServiceProvider.GetRequiredService<IConfiguration>()[AssetsPathKey];
        var assets = ViewerAssets.Load(string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, ViewerAssets.Folder) : configured);
        endpoints.MapGet("/watch/{id}", (string id, HttpContext http) => WatchPage(id, http, assets))
            .AllowAnonymous()
            .WithSummary("The live caption page of a session; the viewer token travels in ?token=.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblems(404, 503);
        endpoints.MapGet("/speak", (HttpContext http) => Page(ViewerAssets.SpeakerPageFile, http, assets))
            .AllowAnonymous()
            .WithSummary("The speaker's page: sign in, speak to OpenAI over WebRTC, and relay the captions to the session's viewers.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblems(503);
        endpoints.MapGet("/viewer/{file}", (string file, HttpContext http) => Asset(file, http, assets))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> WatchPage(string id, HttpContext http, ViewerAssets assets)
    {
        if (Unavailable(ViewerAssets.ViewerPageFile, assets) is { } unavailable) return unavailable;
        if (!SessionId.IsValid(id)) return Problem.NotFound($"'{id}' is not a session id.");
        return Page(ViewerAssets.ViewerPageFile, http, assets);
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Page(string file, HttpContext http, ViewerAssets assets)
    {
        if (Unavailable(file, assets) is { } unavailable) return unavailable;
        var page = assets.FindPage(file)!;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // A viewer's link carries its token, a speaker's page holds a JWT: keep them out of Referer headers and caches.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(page.Path, page.ContentType);
    }

    private static ProblemHttpResult? Unavailable(string file, ViewerAssets assets) =>
        assets.HasSignalR && assets.FindPage(file) is not null
            ? null
            : Problem.Of(StatusCodes.Status503ServiceUnavailable,
                "The browser pages are not built: building the api needs Node.js and npm to install the SignalR browser client. " +
                "Install them, then build the api again.");

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Asset(string file, HttpContext http, ViewerAssets assets)
    {
        if (assets.Find(file) is not { } asset) return Problem.NotFound($"No viewer asset '{file}'.");
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Revalidated on every load (cheap 304s), so a rebuilt api never serves a stale script next to a new page.
        headers.CacheControl = "no-cache";
        // Public files, read without credentials: a tenant's page on another origin may load the modules
        // (module scripts are fetched in CORS mode), as the README's embed snippet does.
        headers.AccessControlAllowOrigin = "*";
        return TypedResults.PhysicalFile(asset.Path, asset.ContentType, lastModified: asset.LastModified,
            entityTag: new EntityTagHeaderValue(asset.ETag));
    }
}
