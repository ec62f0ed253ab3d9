using System.Globalization;
using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Browser.Tests;

/// <summary>GET /watch/{id}, GET /speak and their assets over plain HTTP: the headers that protect the page, and what is never served.</summary>
public sealed class ViewerEndpointTests(DevApiHost host) : IClassFixture<DevApiHost>
{
    [Theory(Timeout = 60_000)]
    [InlineData("/watch/{0}?token=anything")]
    [InlineData("/speak")]
    public async Task The_page_allows_only_its_own_origin_and_keeps_the_token_out_of_referers_and_caches(string path)
    {
        var (_, sessionId) = await SessionCalls.MintAsync(host);
        using var response = await host.Client.GetAsync(string.Format(CultureInfo.InvariantCulture, path, sessionId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("/viewer/signalr.min.js", html);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("signalr.min.js", "text/javascript")]
    [InlineData("captions-client.js", "text/javascript")]
    [InlineData("viewer.js", "text/javascript")]
    [InlineData("viewer.css", "text/css")]
    [InlineData("theme.css", "text/css")]
    [InlineData("speak.css", "text/css")]
    public async Task The_viewer_assets_are_served_with_their_types(string file, string mediaType)
    {
        using var response = await host.Client.GetAsync($"/viewer/{file}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/viewer/viewer.html")]
    [InlineData("/viewer/appsettings.json")]
    [InlineData("/viewer/Realtime.Api.dll")]
    [InlineData("/viewer/..%2Fappsettings.json")]
    [InlineData("/viewer/signalr.min.js.map")]
    [InlineData("/appsettings.json")]
    [InlineData("/viewer.html")]
    public async Task Nothing_else_is_served(string path)
    {
        using var response = await host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_path_that_names_no_session_is_a_problem_not_a_page()
    {
        using var response = await host.Client.GetAsync("/watch/not-a-session?token=x");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }
}
