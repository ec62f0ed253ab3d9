using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Tokens;

/// <summary>The walkthrough a new user follows: dev token → secret → budget, against the mounted emulator.</summary>
[Collection(DevCollection.Name)]
public sealed class TokenFlowTests(DevApiHost host)
{
    [Fact]
    public async Task A_dev_token_buys_an_ephemeral_secret_a_session_and_a_calls_url()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var json = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));

        Assert.StartsWith("ek_", json["client_secret"]!.GetValue<string>());
        Assert.StartsWith("ses_", json["session_id"]!.GetValue<string>());
        Assert.Equal("gpt-realtime", json["model"]!.GetValue<string>());
        Assert.Equal(new Uri(host.BaseAddress, "/v1/realtime/calls").ToString(), json["calls_url"]!.GetValue<string>());
        var expiresAt = json["expires_at"]!.GetValue<long>();
        Assert.InRange(expiresAt, before + 300 - 5, before + 300 + 5);
        Assert.Equal(7, json.Count);
    }

    [Fact]
    public async Task The_answer_names_the_secret_value_as_OpenAI_does_and_carries_the_effective_session()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());

        var json = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));

        Assert.Equal(json["client_secret"]!.GetValue<string>(), json["value"]!.GetValue<string>());
        var session = json["session"]!.AsObject();
        Assert.Equal("realtime", session["type"]!.GetValue<string>());
        Assert.Equal("realtime.session", session["object"]!.GetValue<string>());
        Assert.StartsWith("sess_", session["id"]!.GetValue<string>());
        Assert.Equal(json["model"]!.GetValue<string>(), session["model"]!.GetValue<string>());
        // The emulator answers OpenAI's effective defaults, and the api passes them on as upstream sent them.
        Assert.Equal("audio", session["output_modalities"]![0]!.GetValue<string>());
        Assert.Equal("audio/pcm", session["audio"]!["output"]!["format"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_mounted_emulator_answers_its_routes_with_an_openai_key_as_bearer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/client_secrets")
        {
            Content = new StringContent("""{"session":{"type":"realtime","model":"gpt-realtime"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-emulator-route-test");

        var json = await HttpAssert.OkAsync(await host.Client.SendAsync(request));

        Assert.StartsWith("ek_", json["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_seed_path_realtime_token_is_an_alias()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        var json = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt, new { ttl_seconds = 60 }, "/realtime-token"));
        Assert.StartsWith("ek_", json["client_secret"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_eleventh_request_of_a_user_within_a_minute_is_429_with_retry_after()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        for (var i = 0; i < 10; i++) await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));

        var refused = await host.RequestTokenAsync(jwt);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("per_minute", problem["limit"]!.GetValue<string>());
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        // Up to 61: grants are counted per whole second, from the second after they were made (docs/rate-limits.md).
        Assert.InRange(retryAfter, 1, 61);
    }

    [Fact]
    public async Task Thirty_concurrent_requests_of_a_fresh_user_grant_exactly_ten()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => host.RequestTokenAsync(jwt)));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        var sessions = await Task.WhenAll(responses.Where(r => r.IsSuccessStatusCode).Select(HttpAssert.OkAsync));
        Assert.Equal(10, sessions.Select(s => s["session_id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task The_owner_reads_the_new_session_as_issued()
    {
        var user = DevTokens.NewUser();
        var jwt = await DevTokens.ForAsync(host, user);
        var minted = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt, new { type = "transcription" }));
        var sessionId = minted["session_id"]!.GetValue<string>();

        var session = await GetSessionAsync(jwt, sessionId);

        var json = await HttpAssert.OkAsync(session);
        Assert.Equal(sessionId, json["session_id"]!.GetValue<string>());
        Assert.Equal("issued", json["state"]!.GetValue<string>());
        Assert.Equal(user, json["owner"]!.GetValue<string>());
        Assert.Equal("transcription", json["type"]!.GetValue<string>());
        Assert.Equal("gpt-4o-transcribe", json["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_session_is_hidden_from_other_users_and_shown_to_its_watch_token()
    {
        var ownerJwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        var sessionId = (await HttpAssert.OkAsync(await host.RequestTokenAsync(ownerJwt)))["session_id"]!.GetValue<string>();
        var strangerJwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        var watcherJwt = await DevTokens.ForAsync(host, DevTokens.NewUser(), watch: sessionId);
        var otherWatcherJwt = await DevTokens.ForAsync(host, DevTokens.NewUser(), watch: "ses_0000000000000000000000000");

        await HttpAssert.ProblemAsync(await GetSessionAsync(strangerJwt, sessionId), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await GetSessionAsync(otherWatcherJwt, sessionId), HttpStatusCode.NotFound);
        await HttpAssert.OkAsync(await GetSessionAsync(watcherJwt, sessionId));
        await HttpAssert.ProblemAsync(await GetSessionAsync(ownerJwt, "ses_doesnotexist"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_watch_only_token_cannot_mint_secrets()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser(), watch: "*");
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.Forbidden);
        Assert.Contains("watch", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Healthz_reports_the_cluster_healthy()
    {
        using var response = await host.Client.GetAsync("/healthz");
        var json = await HttpAssert.OkAsync(response);
        Assert.Equal("healthy", json["status"]!.GetValue<string>());
        Assert.Equal("healthy", json["checks"]!["cluster"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dev_token_refuses_a_body_without_user()
    {
        using var response = await host.Client.PostAsync("/dev/token", new StringContent("{}", MediaTypeHeaderValue.Parse("application/json")));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("user", problem["param"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> GetSessionAsync(string jwt, string sessionId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return host.Client.SendAsync(request);
    }
}
