using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Hosting;

/// <summary>
/// Every answer, api, dashboard and errors alike, carries nosniff and a frame-ancestors policy and no Server header;
/// the viewer page keeps its own, fuller policy.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class SecurityHeadersTests(DevApiHost host)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/dashboard")]
    [InlineData("/api/sessions/ses_AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/no-such-route")]
    public async Task Api_and_dashboard_answers_carry_the_headers(string path)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_viewer_page_keeps_its_own_policy()
    {
        using var response = await host.Client.GetAsync("/watch/ses_AAAAAAAAAAAAAAAAAAAAAAAA");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.DoesNotContain("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(response.Headers.Contains("Server"));
    }
}
