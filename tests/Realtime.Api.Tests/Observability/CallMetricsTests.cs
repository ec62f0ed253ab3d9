using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Observability;

/// <summary>
/// <c>realtime_calls_total{outcome}</c> moves with real <c>POST /api/sessions/{id}/calls</c> requests: one answered
/// (the stub upstream answers the offer) and one refused (a bad offer). On a host of its own; and another host in the
/// process starting and stopping must not end this host's streams (meters are matched by name process-wide).
/// </summary>
[Collection(CallMetricsCollection.Name)]
public sealed class CallMetricsTests(StubbedApiHost host)
{
    private const string Calls = "realtime_calls_total";

    [Fact]
    public async Task One_answered_and_one_refused_call_show_by_outcome()
    {
        var (jwt, sessionId) = await MintAsync();
        var before = await PrometheusText.ScrapeAsync(host);
        double Moved(PrometheusText s, string outcome) => s.Sum(Calls, ("outcome", outcome)) - before.Sum(Calls, ("outcome", outcome));

        using (var answered = await CallRequests.PostOfferAsync(host, jwt, sessionId, CallRequests.Offer))
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        await HttpAssert.ProblemAsync(await CallRequests.PostOfferAsync(host, jwt, sessionId, "not an offer"), HttpStatusCode.BadRequest);

        var after = await PrometheusText.WaitForAsync(host, s => Moved(s, "answered") >= 1 && Moved(s, "refused") >= 1,
            "one more answered and one more refused call");
        Assert.Contains("# TYPE realtime_calls_total counter", after.Text);
        Assert.Equal(1, Moved(after, "answered"));
        Assert.Equal(1, Moved(after, "refused"));
        Assert.Equal(0, Moved(after, "upstream_error"));
    }

    [Fact]
    public async Task Another_host_coming_and_going_does_not_cost_this_host_its_counters()
    {
        var (jwt, sessionId) = await MintAsync();
        await HttpAssert.ProblemAsync(await CallRequests.PostOfferAsync(host, jwt, sessionId, "not an offer"), HttpStatusCode.BadRequest);
        await PrometheusText.WaitForAsync(host, s => s.Has(Calls), "the calls counter");

        var other = new StubbedApiHost();
        await other.InitializeAsync();
        await other.DisposeAsync();
        var before = await PrometheusText.ScrapeAsync(host);
        await HttpAssert.ProblemAsync(await CallRequests.PostOfferAsync(host, jwt, sessionId, "not an offer"), HttpStatusCode.BadRequest);

        var after = await PrometheusText.WaitForAsync(host, s => s.Sum(Calls, ("outcome", "refused")) - before.Sum(Calls, ("outcome", "refused")) >= 1,
            "one more refused call after another host was disposed");
        Assert.Equal(1, after.Sum(Calls, ("outcome", "refused")) - before.Sum(Calls, ("outcome", "refused")));
    }

    private async Task<(string Jwt, string SessionId)> MintAsync()
    {
        var tenant = "cmx-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await host.ProvisionTenantAsync(tenant, new { concurrent_sessions = 10 });
        var jwt = TestJwt.Create(secret, tenant, "caller");
        return (jwt, (await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt)))["session_id"]!.GetValue<string>());
    }
}
