using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Observability;

/// <summary>
/// GET /metrics through the real pipeline: Prometheus text, counters and histograms that move with real
/// requests (successes, a 429, an upstream refusal), the viewer gauge following a SignalR viewer, and no secret
/// anywhere in the output.
/// </summary>
[Collection(ObservabilityCollection.Name)]
public sealed class MetricsTests(StubbedApiHost host)
{
    private const string Minted = "realtime_secrets_minted_total";
    private const string Refused = "realtime_secrets_refused_total";
    private const string Upstream = "realtime_upstream_duration_seconds_count";

    [Fact]
    public async Task Metrics_answer_in_prometheus_text_with_our_asp_net_core_and_orleans_meters()
    {
        var (jwt, _) = await NewTenantUserAsync();
        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));

        var scrape = await PrometheusText.WaitForAsync(host, s => s.Has(Minted), "the minted counter");

        Assert.StartsWith("text/plain", scrape.ContentType);
        Assert.Contains("# TYPE realtime_secrets_minted_total counter", scrape.Text);
        Assert.Contains("# TYPE realtime_upstream_duration_seconds histogram", scrape.Text);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", scrape.Text);
        Assert.Contains(scrape.Samples, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Minted_refused_and_upstream_figures_move_with_real_requests()
    {
        var (jwt, _) = await NewTenantUserAsync(perMinute: 2);
        var before = await PrometheusText.ScrapeAsync(host);

        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.TooManyRequests);
        var (other, _) = await NewTenantUserAsync();
        host.Upstream.Behaviour = () => (401, "{\"error\":{\"message\":\"bad key\"}}", TimeSpan.Zero, null);
        try
        {
            await HttpAssert.ProblemAsync(await host.RequestTokenAsync(other), HttpStatusCode.BadGateway);
        }
        finally
        {
            host.Upstream.Behaviour = () => null;
        }

        var after = await PrometheusText.WaitForAsync(host, s =>
            s.Sum(Minted) - before.Sum(Minted) >= 2
            && s.Sum(Refused, ("reason", "per_minute")) - before.Sum(Refused, ("reason", "per_minute")) >= 1
            && s.Sum(Refused, ("reason", "upstream_credentials_refused")) - before.Sum(Refused, ("reason", "upstream_credentials_refused")) >= 1,
            "2 more minted, 1 more per_minute and 1 more upstream_credentials_refused refusal");
        Assert.Equal(2, after.Sum(Minted) - before.Sum(Minted));
        Assert.Equal(1, after.Sum(Refused, ("reason", "per_minute")) - before.Sum(Refused, ("reason", "per_minute")));
        // The 429 never reached OpenAI: two successful calls and one refused, timed by outcome.
        Assert.Equal(2, after.Sum(Upstream, ("outcome", "ok")) - before.Sum(Upstream, ("outcome", "ok")));
        Assert.Equal(1, after.Sum(Upstream, ("outcome", "credentials_refused")) - before.Sum(Upstream, ("outcome", "credentials_refused")));
    }

    [Fact]
    public async Task The_viewer_gauge_follows_a_signalr_viewer_and_publishes_are_timed()
    {
        var (jwt, sessionId) = await NewTenantUserAsync(mint: true);
        var before = await PrometheusText.ScrapeAsync(host);
        var viewersBefore = before.Sum("realtime_viewers");

        var viewer = await CaptionClient.ConnectAsync(host, jwt);
        await viewer.WatchAsync(sessionId!);
        await PrometheusText.WaitForAsync(host, s => s.Sum("realtime_viewers") == viewersBefore + 1, "one more viewer");

        await using (var speaker = await CaptionClient.ConnectAsync(host, jwt))
            await speaker.PublishAsync(sessionId!, OpenAIEvents.UserCompleted("item_m", "measured"));
        await viewer.WaitForAsync(c => c.Any(u => u.Text == "measured"));
        var timed = await PrometheusText.WaitForAsync(host, s =>
            s.Sum("realtime_captions_publish_duration_seconds_count", ("outcome", "ok")) > before.Sum("realtime_captions_publish_duration_seconds_count", ("outcome", "ok"))
            && s.Sum("realtime_captions_fanout_duration_seconds_count") > before.Sum("realtime_captions_fanout_duration_seconds_count"),
            "a timed publish and a timed fan-out");
        Assert.True(timed.Sum("realtime_viewers_sessions") >= 1);

        await viewer.DisposeAsync();
        await PrometheusText.WaitForAsync(host, s => s.Sum("realtime_viewers") == viewersBefore, "the viewer gone");
    }

    [Fact]
    public async Task Sessions_by_state_follow_a_session_from_issued_to_live_to_ended()
    {
        const string open = "realtime_sessions_open", closed = "realtime_sessions_closed_total";
        var start = await PrometheusText.ScrapeAsync(host);
        double Issued(PrometheusText s) => s.Sum(open, ("state", "issued")) - start.Sum(open, ("state", "issued"));
        double Live(PrometheusText s) => s.Sum(open, ("state", "live")) - start.Sum(open, ("state", "live"));
        double Ended(PrometheusText s) => s.Sum(closed, ("state", "ended")) - start.Sum(closed, ("state", "ended"));

        var (jwt, sessionId) = await NewTenantUserAsync(mint: true);
        await PrometheusText.WaitForAsync(host, s => Issued(s) == 1 && Live(s) == 0, "one more issued session");

        await using (var speaker = await CaptionClient.ConnectAsync(host, jwt))
            await speaker.PublishAsync(sessionId!, OpenAIEvents.UserCompleted("item_s", "now live"));
        await PrometheusText.WaitForAsync(host, s => Issued(s) == 0 && Live(s) == 1, "the session live, no longer issued");

        await HttpAssert.OkAsync(await SessionCalls.PostAsync(host, jwt, $"/api/sessions/{sessionId}/end"));
        await PrometheusText.WaitForAsync(host, s => Issued(s) == 0 && Live(s) == 0 && Ended(s) == 1, "the session ended");
    }

    [Fact]
    public async Task Metrics_never_show_a_key_a_secret_a_token_or_an_id()
    {
        const string tenantKey = "sk-tenant-METRICSCANARY-abcdefghijklmnopqrstuvwxyz";
        var tenant = "met-" + Guid.NewGuid().ToString("N")[..8];
        var signing = await host.ProvisionTenantAsync(tenant, openAIKey: tenantKey);
        var jwt = TestJwt.Create(signing, tenant, "canary-user");
        var minted = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        host.Upstream.Behaviour = () => (401, $"{{\"error\":{{\"message\":\"Incorrect API key provided: {tenantKey}\"}}}}", TimeSpan.Zero, null);
        try
        {
            await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.BadGateway);
        }
        finally
        {
            host.Upstream.Behaviour = () => null;
        }
        await using (var viewer = await CaptionClient.ConnectAsync(host, jwt))
            await viewer.WatchAsync(minted["session_id"]!.GetValue<string>());

        var scrape = await PrometheusText.WaitForAsync(host, s => s.Has(Refused), "a refusal");

        string[] secrets =
        [
            tenantKey, "METRICSCANARY", StubbedApiHost.PlatformKey, "TESTKEY", signing, ApiHost.AdminKey, jwt,
            minted["client_secret"]!.GetValue<string>(), minted["session_id"]!.GetValue<string>(), "canary-user", tenant,
            "eyJ",
        ];
        foreach (var secret in secrets) Assert.DoesNotContain(secret, scrape.Text, StringComparison.Ordinal);
    }

    private async Task<(string Jwt, string? SessionId)> NewTenantUserAsync(int perMinute = 10, bool mint = false)
    {
        var tenant = "obs-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await host.ProvisionTenantAsync(tenant, limits: new { per_minute = perMinute });
        var jwt = TestJwt.Create(secret, tenant, "user-" + Guid.NewGuid().ToString("N")[..8]);
        if (!mint) return (jwt, null);
        var minted = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        return (jwt, minted["session_id"]!.GetValue<string>());
    }
}
