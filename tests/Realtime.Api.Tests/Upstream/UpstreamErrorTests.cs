using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Upstream;

/// <summary>
/// How OpenAI's failures reach the caller: refused credentials → 502, rate limiting → 503 with Retry-After,
/// 5xx → 502, slowness → 504, a refused session → 400. None of them spends the user's budget.
/// </summary>
[Collection(StubbedCollection.Name)]
public sealed class UpstreamErrorTests(StubbedApiHost host) : IAsyncLifetime
{
    private readonly string _tenant = "up-" + Guid.NewGuid().ToString("N")[..10];
    private string _secret = "";

    public async Task InitializeAsync()
    {
        host.Upstream.Behaviour = () => null;
        _secret = await host.ProvisionTenantAsync(_tenant, new { per_minute = 3, concurrent_sessions = 10 });
    }

    public Task DisposeAsync()
    {
        host.Upstream.Behaviour = () => null;
        return Task.CompletedTask;
    }

    private string Jwt(string user = "ivy") => TestJwt.Create(_secret, _tenant, user);

    [Fact]
    public async Task The_GA_body_goes_upstream_with_the_platform_key()
    {
        await HttpAssert.OkAsync(await host.RequestTokenAsync(Jwt(), new { ttl_seconds = 120, instructions = "Be brief." }));

        Assert.Equal("Bearer " + StubbedApiHost.PlatformKey, host.Upstream.AuthorizationHeaders.Last());
        var body = host.Upstream.Bodies.Last();
        Assert.Equal("created_at", body["expires_after"]!["anchor"]!.GetValue<string>());
        Assert.Equal(120, body["expires_after"]!["seconds"]!.GetValue<int>());
        Assert.Equal("realtime", body["session"]!["type"]!.GetValue<string>());
        Assert.Equal("gpt-realtime", body["session"]!["model"]!.GetValue<string>());
        Assert.Equal("Be brief.", body["session"]!["instructions"]!.GetValue<string>());
        Assert.Null(body["ttl_seconds"]);
    }

    [Fact]
    public async Task A_tenants_own_key_is_used_for_its_users()
    {
        var tenant = "own-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await host.ProvisionTenantAsync(tenant, openAIKey: "sk-tenant-OWNKEY-9876543210");

        await HttpAssert.OkAsync(await host.RequestTokenAsync(TestJwt.Create(secret, tenant, "jo")));

        Assert.Equal("Bearer sk-tenant-OWNKEY-9876543210", host.Upstream.AuthorizationHeaders.Last());
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Refused_credentials_are_502_naming_the_status(int status)
    {
        host.Upstream.Behaviour = () => (status, OpenAIError("Incorrect API key provided: sk-pla***uv.", "invalid_api_key"), TimeSpan.Zero, null);
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadGateway);
        Assert.Contains("credentials", problem["detail"]!.GetValue<string>());
        Assert.Equal(status, problem["upstream_status"]!.GetValue<int>());
        Assert.DoesNotContain("sk-", problem.ToJsonString());
    }

    [Fact]
    public async Task Upstream_429_is_503_with_its_retry_after()
    {
        host.Upstream.Behaviour = () => (429, OpenAIError("Rate limit reached.", "rate_limit_exceeded"), TimeSpan.Zero, "7");
        var response = await host.RequestTokenAsync(Jwt());
        await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Upstream_5xx_is_502(int status)
    {
        host.Upstream.Behaviour = () => (status, OpenAIError("The server had an error.", null), TimeSpan.Zero, null);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task An_unreadable_success_is_502()
    {
        host.Upstream.Behaviour = () => (200, "<html>proxy error</html>", TimeSpan.Zero, null);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task A_slow_upstream_is_504()
    {
        // OpenAI never answers: only the api's own timeout can end the request.
        host.Upstream.Behaviour = () => (200, "{}", Timeout.InfiniteTimeSpan, null);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.GatewayTimeout);
    }

    [Fact]
    public async Task A_session_openai_refuses_is_400_with_its_reason()
    {
        host.Upstream.Behaviour = () => (400, OpenAIError("Invalid value: 'robot'. Supported voices are: marin, cedar.", "invalid_value"), TimeSpan.Zero, null);
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadRequest);
        Assert.Contains("robot", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failed_requests_give_their_budget_back()
    {
        var jwt = Jwt("kim");
        host.Upstream.Behaviour = () => (500, OpenAIError("boom", null), TimeSpan.Zero, null);
        for (var i = 0; i < 6; i++)
            await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.BadGateway);

        host.Upstream.Behaviour = () => null;
        for (var i = 0; i < 3; i++) await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.TooManyRequests);
        Assert.Equal("per_minute", problem["limit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failed_requests_hold_no_session_slot()
    {
        var tenant = "up-" + Guid.NewGuid().ToString("N")[..10];
        var secret = await host.ProvisionTenantAsync(tenant, new { per_minute = 100, concurrent_sessions = 2 });
        var jwt = TestJwt.Create(secret, tenant, "lee");
        host.Upstream.Behaviour = () => (503, OpenAIError("overloaded", null), TimeSpan.Zero, null);
        for (var i = 0; i < 4; i++)
            await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.BadGateway);

        host.Upstream.Behaviour = () => null;
        for (var i = 0; i < 2; i++) await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.TooManyRequests);
        Assert.Equal("concurrent_sessions", problem["limit"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_secret_expiring_other_than_planned_moves_its_session()
    {
        // Upstream's clock is 40 s ahead of ours: its expires_at is not the one the api planned.
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(300 + 40).ToUnixTimeSeconds();
        host.Upstream.Behaviour = () => (200, System.Text.Json.JsonSerializer.Serialize(new
        {
            value = "ek_stub_" + Guid.NewGuid().ToString("N"),
            expires_at = expiresAt,
            session = new { type = "realtime", model = "gpt-realtime" },
        }), TimeSpan.Zero, null);
        var jwt = Jwt("max");

        var minted = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt, new { ttl_seconds = 300 }));

        Assert.Equal(expiresAt, minted["expires_at"]!.GetValue<long>());
        var session = await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, jwt, $"/api/sessions/{minted["session_id"]!.GetValue<string>()}"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expiresAt), session["expires_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("issued", session["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("253402300800")]
    [InlineData("9223372036854775807")]
    [InlineData("99999999999999999999999")]
    [InlineData("1.5")]
    [InlineData("1e9")]
    [InlineData("\"1900000000\"")]
    [InlineData("null")]
    [InlineData("PAST")]
    [InlineData("TEN_YEARS")]
    public async Task An_expires_at_out_of_range_is_502_naming_it(string expiresAt)
    {
        var now = DateTimeOffset.UtcNow;
        var literal = expiresAt switch
        {
            "PAST" => now.AddSeconds(-30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "TEN_YEARS" => now.AddYears(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => expiresAt,
        };
        host.Upstream.Behaviour = () => (200, $$$"""{"value":"ek_stub_range","expires_at":{{{literal}}},"session":{"type":"realtime"}}""", TimeSpan.Zero, null);

        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadGateway);

        Assert.Contains("expires_at", problem["detail"]!.GetValue<string>());
        Assert.DoesNotContain("ek_stub_range", problem.ToJsonString());
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("7", 7)]
    [InlineData("3600", 3600)]
    [InlineData("86400", 3600)]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT", 1)]
    [InlineData("Fri, 31 Dec 2100 23:59:59 GMT", 3600)]
    public async Task Upstream_retry_after_is_clamped_to_one_hour_at_most_and_one_second_at_least(string retryAfter, int expected)
    {
        host.Upstream.Behaviour = () => (429, OpenAIError("Rate limit reached.", "rate_limit_exceeded"), TimeSpan.Zero, retryAfter);

        var response = await host.RequestTokenAsync(Jwt());

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Retry-After").Single());
        Assert.Contains($"Retry in {expected} s.", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    public async Task An_answer_over_256_KiB_is_502(int status)
    {
        var padding = new string('x', 300 * 1024);
        host.Upstream.Behaviour = () => (status, $$"""{"value":"ek_stub_big","expires_at":1,"padding":"{{padding}}"}""", TimeSpan.Zero, null);

        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadGateway);

        Assert.Contains("larger than 256 KiB", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_malformed_json_answer_is_502_not_a_500()
    {
        host.Upstream.Behaviour = () => (200, """{"value":"ek_stub_a","value":"ek_stub_b","expires_at":1900000000}""", TimeSpan.Zero, null);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadGateway);

        host.Upstream.Behaviour = () => (200, """{"value":"ek_\ud800","expires_at":1900000000}""", TimeSpan.Zero, null);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task The_key_scrubber_ignores_case()
    {
        var shouted = StubbedApiHost.PlatformKey.ToUpperInvariant();
        var mixed = "Sk-" + StubbedApiHost.PlatformKey[3..];
        host.Upstream.Behaviour = () => (400, OpenAIError($"Keys {shouted} and {mixed} and sK_proj-abc123 are not allowed here.", "invalid_value"), TimeSpan.Zero, null);

        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(Jwt()), HttpStatusCode.BadRequest);

        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("[redacted]", detail);
        Assert.DoesNotContain("sk-", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sk_", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TESTKEY", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("TESTKEY", StringComparison.OrdinalIgnoreCase));
    }

    private static string OpenAIError(string message, string? code) =>
        System.Text.Json.JsonSerializer.Serialize(new { error = new { message, type = "invalid_request_error", param = (string?)null, code } });
}
