using System.Net;
using System.Net.Http.Headers;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Api.Tests.RateLimiting;

namespace Realtime.Api.Tests.Hosting;

/// <summary>
/// What an operator on the internet expects: links from PublicBaseUrl (never from a forged Host), a Host outside
/// AllowedHosts refused, HSTS over HTTPS (as a known proxy reports it), and no Server header.
/// </summary>
public sealed class ProxyAndHeadersTests
{
    private const string PublicBaseUrl = "https://captions.example.com";

    [Fact]
    public async Task Links_come_from_PublicBaseUrl_not_from_a_forged_host()
    {
        await UnauthenticatedRateLimitTests.WithHostAsync("Development", new() { ["PublicBaseUrl"] = PublicBaseUrl + "/" }, async host =>
        {
            var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
            var minted = await HttpAssert.OkAsync(await SendForgedAsync(host, jwt, "/api/realtime-token"));
            Assert.Equal($"{PublicBaseUrl}/v1/realtime/calls", minted["calls_url"]!.GetValue<string>());

            var sessionId = minted["session_id"]!.GetValue<string>();
            var share = await HttpAssert.OkAsync(await SendForgedAsync(host, jwt, $"/api/sessions/{sessionId}/viewer-token"));
            var watchUrl = share["watch_url"]!.GetValue<string>();
            Assert.StartsWith($"{PublicBaseUrl}/watch/{sessionId}?token=", watchUrl);
            Assert.DoesNotContain("evil", watchUrl);
        });
    }

    [Fact]
    public async Task Without_PublicBaseUrl_a_host_outside_AllowedHosts_is_refused()
    {
        await UnauthenticatedRateLimitTests.WithHostAsync("Development", new() { ["AllowedHosts"] = "127.0.0.1" }, async host =>
        {
            var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
            Assert.Equal(HttpStatusCode.BadRequest, (await SendForgedAsync(host, jwt, "/api/realtime-token")).StatusCode);

            var minted = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
            Assert.Equal($"http://127.0.0.1:{host.BaseAddress.Port}/v1/realtime/calls", minted["calls_url"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_as_a_known_proxy_reports_it_and_no_server_header_ever()
    {
        await UnauthenticatedRateLimitTests.WithHostAsync("Production", new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }, async host =>
        {
            using var https = await HealthAsync(host, forwardedProto: "https");
            Assert.True(https.Headers.Contains("Strict-Transport-Security"), "HSTS over https");
            Assert.False(https.Headers.Contains("Server"));

            using var plain = await HealthAsync(host, forwardedProto: null);
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain http");
        });

        // Not from a proxy nobody configured: the header is the client's word.
        await UnauthenticatedRateLimitTests.WithHostAsync("Production", [], async host =>
        {
            using var claimed = await HealthAsync(host, forwardedProto: "https");
            Assert.False(claimed.Headers.Contains("Strict-Transport-Security"));
        });
    }

    private static async Task<HttpResponseMessage> HealthAsync(ApiHost host, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "api.example.com"; // HSTS is never sent to localhost names
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return await host.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendForgedAsync(ApiHost host, string jwt, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        request.Headers.Host = "evil.example";
        return await host.Client.SendAsync(request);
    }
}
