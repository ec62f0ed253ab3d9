using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.RateLimiting;

/// <summary>
/// What costs us work before anyone is known is limited per client address (RateLimiting:Unauthenticated): failed
/// auth, /dev/token and hub connects without a valid token; 429 problem+json with Retry-After. A valid token is
/// never counted, even from an address that has spent its budget.
/// </summary>
public sealed class UnauthenticatedRateLimitTests
{
    [Fact]
    public async Task Failed_auth_and_dev_tokens_are_limited_per_address_and_valid_tokens_are_not()
    {
        await WithHostAsync("Development", new() { ["RateLimiting:Unauthenticated:PermitsPerMinute"] = "5" }, async host =>
        {
            var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser()); // 1 of 5
            var sessionId = (await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt)))["session_id"]!.GetValue<string>();
            for (var i = 0; i < 4; i++)
                await HttpAssert.ProblemAsync(await host.RequestTokenAsync("not-a-jwt"), HttpStatusCode.Unauthorized);

            await AssertLimitedAsync(await host.RequestTokenAsync("not-a-jwt"));
            await AssertLimitedAsync(await host.Client.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(new { user = "bob" })));
            await AssertLimitedAsync(await host.Client.PostAsync("/hubs/captions/negotiate?negotiateVersion=1", null));

            // Authenticated traffic from the same address goes on: more requests than the budget, a hub connection.
            for (var i = 0; i < 8; i++)
                await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, jwt, $"/api/sessions/{sessionId}"));
            await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
            await using var captions = await CaptionClient.ConnectAsync(host, jwt);
        });
    }

    [Fact]
    public async Task Hub_negotiates_without_a_valid_token_are_counted()
    {
        await WithHostAsync("Production", new() { ["RateLimiting:Unauthenticated:PermitsPerMinute"] = "2" }, async host =>
        {
            for (var i = 0; i < 2; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/hubs/captions/negotiate?negotiateVersion=1", null)).StatusCode);

            await AssertLimitedAsync(await host.Client.PostAsync("/hubs/captions/negotiate?negotiateVersion=1", null));
        });
    }

    [Fact]
    public async Task The_client_address_comes_from_forwarded_headers_of_known_proxies_only()
    {
        var limit = new Dictionary<string, string?> { ["RateLimiting:Unauthenticated:PermitsPerMinute"] = "1" };
        await WithHostAsync("Production", new(limit) { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }, async host =>
        {
            await HttpAssert.ProblemAsync(await BadTokenFromAsync(host, "203.0.113.1"), HttpStatusCode.Unauthorized);
            await AssertLimitedAsync(await BadTokenFromAsync(host, "203.0.113.1"));
            await HttpAssert.ProblemAsync(await BadTokenFromAsync(host, "203.0.113.2"), HttpStatusCode.Unauthorized);
        });

        // No proxy configured: the header is a client's claim and is ignored; both "clients" are 127.0.0.1.
        await WithHostAsync("Production", limit, async host =>
        {
            await HttpAssert.ProblemAsync(await BadTokenFromAsync(host, "203.0.113.1"), HttpStatusCode.Unauthorized);
            await AssertLimitedAsync(await BadTokenFromAsync(host, "203.0.113.2"));
        });
    }

    private static async Task<HttpResponseMessage> BadTokenFromAsync(ApiHost host, string clientAddress)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime-token");
        request.Headers.Authorization = new("Bearer", "not-a-jwt");
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return await host.Client.SendAsync(request);
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Contains("Too many unauthenticated requests", problem["detail"]!.GetValue<string>());
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }

    internal static async Task WithHostAsync(string environment, Dictionary<string, string?> settings, Func<ApiHost, Task> test)
    {
        var host = new ConfiguredApiHost(environment, settings);
        await host.InitializeAsync();
        try
        {
            await test(host);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
