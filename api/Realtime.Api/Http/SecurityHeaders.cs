namespace Realtime.Api.Http;

/// <summary>
/// Headers every response carries, api and dashboard alike: <c>nosniff</c>, so a browser never runs a JSON or text
/// answer as script, and <c>frame-ancestors 'none'</c> (with <c>X-Frame-Options: DENY</c> for older browsers), so
/// no other site can frame our pages. A response that states its own <c>frame-ancestors</c> (the viewer page)
/// keeps it; one with another policy gets the directive appended.
/// </summary>
public static class SecurityHeaders
{
    public const string FrameAncestorsNone = "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // When the response starts, so an exception handler that clears the headers cannot drop them.
        context.Response.OnStarting(static state =>
        {
            Apply(((HttpResponse)state).Headers);
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });

    private static void Apply(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = "nosniff";
        var policy = headers.ContentSecurityPolicy.ToString();
        if (policy.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase)) return;
        headers.ContentSecurityPolicy = policy.Length == 0 ? FrameAncestorsNone : $"{policy.TrimEnd(';', ' ')}; {FrameAncestorsNone}";
        headers.XFrameOptions = "DENY";
    }
}
