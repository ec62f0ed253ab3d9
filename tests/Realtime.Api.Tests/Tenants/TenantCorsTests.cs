using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Tenants;

/// <summary>
/// CORS per tenant: preflights are answered for an origin some tenant lists, actual requests only when the token's
/// own tenant lists the request's origin; other origins get no CORS header at all.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class TenantCorsTests(DevApiHost host)
{
    private const string AppOrigin = "https://app.cors-test.example";
    private const string ForeignOrigin = "https://evil.example";

    [Theory]
    [InlineData("/api/realtime-token")]
    [InlineData("/realtime-token")]
    [InlineData("/api/sessions/ses_AAAAAAAAAAAAAAAAAAAAAAAA/end")]
    [InlineData("/hubs/captions/negotiate?negotiateVersion=1")]
    public async Task A_preflight_from_a_listed_origin_is_allowed_and_from_a_foreign_one_is_not(string path)
    {
        await host.ProvisionTenantAsync("cors-" + Guid.NewGuid().ToString("N")[..8], allowedOrigins: [AppOrigin]);

        using var allowed = await PreflightAsync(path, AppOrigin);
        using var foreign = await PreflightAsync(path, ForeignOrigin);

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(AppOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var headers = string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Contains("x-signalr-user-agent", headers, StringComparison.Ordinal);
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_actual_request_gets_the_origin_back_only_when_the_tokens_tenant_lists_it()
    {
        var listing = "cors-" + Guid.NewGuid().ToString("N")[..8];
        var other = "cors-" + Guid.NewGuid().ToString("N")[..8];
        var listingToken = TestJwt.Create(await host.ProvisionTenantAsync(listing, allowedOrigins: [AppOrigin]), listing, "alice");
        var otherToken = TestJwt.Create(await host.ProvisionTenantAsync(other), other, "bob");

        using var mine = await MintFromAsync(AppOrigin, listingToken);
        using var foreignPage = await MintFromAsync(ForeignOrigin, listingToken);
        using var notMine = await MintFromAsync(AppOrigin, otherToken);

        await HttpAssert.OkAsync(mine);
        Assert.Equal(AppOrigin, mine.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(foreignPage.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(notMine.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Get_shows_the_origins_as_a_browser_sends_them_with_issuer_and_audience()
    {
        var tenant = "cors-" + Guid.NewGuid().ToString("N")[..8];
        await host.ProvisionTenantAsync(tenant, allowedOrigins: [AppOrigin.ToUpperInvariant()], issuer: "iss-1", audience: "aud-1");

        var view = await HttpAssert.OkAsync(await host.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}"));

        Assert.Equal(AppOrigin, view["allowed_origins"]![0]!.GetValue<string>()); // stored as a browser sends it
        Assert.Equal("iss-1", view["issuer"]!.GetValue<string>());
        Assert.Equal("aud-1", view["audience"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://*.example.com")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("ftp://app.example.com")]
    [InlineData("app.example.com")]
    [InlineData("https://user@app.example.com")]
    [InlineData("https://app.example.com?x=1")]
    public async Task Anything_but_an_exact_origin_is_refused(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/admin/tenants/cors-bad")
        {
            Content = new StringContent(
                $"{{\"name\":\"Bad\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"allowed_origins\":[{System.Text.Json.JsonSerializer.Serialize(origin)}]}}",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);

        var problem = await HttpAssert.ProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.Equal("allowed_origins", problem["param"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-signalr-user-agent");
        return await host.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> MintFromAsync(string origin, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime-token");
        request.Headers.Add("Origin", origin);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await host.Client.SendAsync(request);
    }
}
