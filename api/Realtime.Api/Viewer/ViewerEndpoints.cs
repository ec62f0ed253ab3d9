using Microsoft.Net.Http.Headers;
using Realtime.Api.Problems;
using Realtime.Api.Sessions;

namespace Realtime.Api.Viewer;

/// <summary>
/// GET /watch/{id}?token=… (the live caption page for viewers) and GET /viewer/{file} (its scripts and styles).
/// The page is static: the token stays in the link and the page hands it to the hub, which checks it.
/// Its files are read from <c>Viewer:AssetsPath</c>, by default the <c>viewer/</c> folder the build puts next to the api.
/// </summary>
public static class ViewerEndpoints
{
    // Everything from this origin only: no inline script or style, no CDN, no framing by other sites.
    // connect-src 'self' covers the hub's WebSocket (ws/wss on the same host) too.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public const string AssetsPathKey = "Viewer:AssetsPath";

    public static IEndpointRouteBuilder MapViewerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var configured = endpoints.ServiceProvider.GetRequiredService<IConfiguration>()[AssetsPathKey];
        var assets = ViewerAssets.Load(string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, ViewerAssets.Folder) : configured);
        endpoints.MapGet("/watch/{id}", (string id, HttpContext http) => Page(id, http, assets))
            .AllowAnonymous()
            .WithSummary("The live caption page of a session; the viewer token travels in ?token=.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblems(404, 503);
        endpoints.MapGet("/viewer/{file}", (string file, HttpContext http) => Asset(file, http, assets))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Page(string id, HttpContext http, ViewerAssets assets)
    {
        if (!assets.IsComplete || assets.Page is not { } page)
            return Problem.Of(StatusCodes.Status503ServiceUnavailable,
                "The viewer page is not built: building the api needs Node.js and npm to install the SignalR browser client. " +
                "Install them, then build the api again.");
        if (!SessionId.IsValid(id)) return Problem.NotFound($"'{id}' is not a session id.");
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // The link carries the viewer token: keep it out of Referer headers and out of caches.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(page.Path, page.ContentType);
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Asset(string file, HttpContext http, ViewerAssets assets)
    {
        if (assets.Find(file) is not { } asset) return Problem.NotFound($"No viewer asset '{file}'.");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // Revalidated on every load (cheap 304s), so a rebuilt api never serves a stale script next to a new page.
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.PhysicalFile(asset.Path, asset.ContentType, lastModified: asset.LastModified,
            entityTag: new EntityTagHeaderValue(asset.ETag));
    }
}
