using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Tests.Calls;

/// <summary>
/// POST /api/sessions/{id}/calls: the owner's offer goes to OpenAI with the platform key as multipart (sdp + the
/// session the api builds), the answer comes back as SDP and the call id is recorded on the session; everything
/// else is a problem, never a 500 and never the key.
/// </summary>
[Collection(StubbedCollection.Name)]
public sealed class ServerCallTests(StubbedApiHost host) : IAsyncLifetime
{
    private const string Offer = CallRequests.Offer;

    private readonly string _tenant = "call-" + Guid.NewGuid().ToString("N")[..10];
    private string _secret = "";

    public async Task InitializeAsync()
    {
        host.Upstream.CallsBehaviour = () => null;
        _secret = await host.ProvisionTenantAsync(_tenant, new { concurrent_sessions = 10 });
    }

    public Task DisposeAsync()
    {
        host.Upstream.CallsBehaviour = () => null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_owners_offer_goes_upstream_as_multipart_with_the_platform_key_and_the_answer_comes_back()
    {
        var (jwt, sessionId) = await MintAsync("ann");

        using var response = await PostOfferAsync(jwt, sessionId, Offer);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/sdp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StubUpstream.AnswerSdp, await response.Content.ReadAsStringAsync());
        var call = host.Upstream.Calls.Last();
        Assert.Equal("Bearer " + StubbedApiHost.PlatformKey, call.Authorization);
        Assert.StartsWith("multipart/form-data", call.ContentType);
        Assert.Equal(Offer, call.Fields["sdp"]);
        var session = JsonNode.Parse(call.Fields["session"])!;
        Assert.Equal("realtime", session["type"]!.GetValue<string>());
        Assert.Equal("gpt-realtime", session["model"]!.GetValue<string>());
        Assert.Equal("gpt-4o-mini-transcribe", session["audio"]!["input"]!["transcription"]!["model"]!.GetValue<string>());

        var callId = response.Headers.Location!.OriginalString.Split('/')[^1];
        Assert.StartsWith("rtc_stub_", callId);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Assert.Equal([callId], await grains.GetGrain<ISessionGrain>(sessionId).GetCallIds());
        Assert.DoesNotContain(StubbedApiHost.PlatformKey, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Someone_else_is_refused_and_nothing_goes_upstream()
    {
        var (_, sessionId) = await MintAsync("ben");
        var (otherJwt, _) = await MintAsync("cat");
        var calls = host.Upstream.Calls.Count;

        await HttpAssert.ProblemAsync(await PostOfferAsync(otherJwt, sessionId, Offer), HttpStatusCode.NotFound);

        Assert.Equal(calls, host.Upstream.Calls.Count);
    }

    [Fact]
    public async Task A_watch_only_token_sees_the_session_but_may_not_call()
    {
        var (jwt, sessionId) = await MintAsync("dan");
        var share = await HttpAssert.OkAsync(await SessionCalls.PostAsync(host, jwt, $"/api/sessions/{sessionId}/viewer-token"));

        await HttpAssert.ProblemAsync(await PostOfferAsync(share["token"]!.GetValue<string>(), sessionId, Offer), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_ended_session_is_409()
    {
        var (jwt, sessionId) = await MintAsync("eve");
        await HttpAssert.OkAsync(await SessionCalls.PostAsync(host, jwt, $"/api/sessions/{sessionId}/end"));

        var problem = await HttpAssert.ProblemAsync(await PostOfferAsync(jwt, sessionId, Offer), HttpStatusCode.Conflict);
        Assert.Contains("ended", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("hello", "application/sdp", HttpStatusCode.BadRequest)]
    [InlineData("v=0\r\ns=-\r\n", "application/sdp", HttpStatusCode.BadRequest)]
    [InlineData(Offer, "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_bad_offer_is_refused_before_anything_goes_upstream(string body, string contentType, HttpStatusCode status)
    {
        var (jwt, sessionId) = await MintAsync("fay");
        var calls = host.Upstream.Calls.Count;

        await HttpAssert.ProblemAsync(await PostOfferAsync(jwt, sessionId, body, contentType), status);

        Assert.Equal(calls, host.Upstream.Calls.Count);
    }

    [Fact]
    public async Task An_oversized_offer_is_413()
    {
        var (jwt, sessionId) = await MintAsync("gus");

        await HttpAssert.ProblemAsync(await PostOfferAsync(jwt, sessionId, Offer + new string('a', 70_000)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(401)]
    [InlineData(400)]
    public async Task An_upstream_failure_is_502_without_the_key(int status)
    {
        var (jwt, sessionId) = await MintAsync("hal");
        host.Upstream.CallsBehaviour = () => (status, $$$"""{"error":{"message":"Incorrect API key provided: {{{StubbedApiHost.PlatformKey}}}","code":"invalid_api_key"}}""");

        using var response = await PostOfferAsync(jwt, sessionId, Offer);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal(status, problem["upstream_status"]!.GetValue<int>());
        Assert.DoesNotContain("TESTKEY", problem.ToJsonString());
        Assert.Empty(await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(sessionId).GetCallIds());
    }

    private async Task<(string Jwt, string SessionId)> MintAsync(string user)
    {
        var jwt = TestJwt.Create(_secret, _tenant, user);
        var minted = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        return (jwt, minted["session_id"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> PostOfferAsync(string jwt, string sessionId, string sdp, string contentType = "application/sdp") =>
        CallRequests.PostOfferAsync(host, jwt, sessionId, sdp, contentType);
}
