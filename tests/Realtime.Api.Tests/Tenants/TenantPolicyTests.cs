using System.Globalization;
using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Tenants;

/// <summary>A tenant's own limits, models and suspension govern its users' token requests.</summary>
[Collection(DevCollection.Name)]
public sealed class TenantPolicyTests(DevApiHost host)
{
    private static string NewTenant() => "pol-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_tenants_own_per_minute_limit_applies()
    {
        var tenant = NewTenant();
        var secret = await host.ProvisionTenantAsync(tenant, new { per_minute = 2, concurrent_sessions = 50 });
        var jwt = TestJwt.Create(secret, tenant, "bob");

        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.TooManyRequests);
        Assert.Equal("per_minute", problem["limit"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_default_concurrent_session_cap_is_three()
    {
        var tenant = NewTenant();
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant), tenant, "carol");

        for (var i = 0; i < 3; i++) await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.TooManyRequests);
        Assert.Equal("concurrent_sessions", problem["limit"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_per_hour_limit_applies()
    {
        var tenant = NewTenant();
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant, new { per_minute = 10, per_hour = 3, concurrent_sessions = 10 }), tenant, "dan");

        for (var i = 0; i < 3; i++) await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        var refused = await host.RequestTokenAsync(jwt);
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("per_hour", problem["limit"]!.GetValue<string>());
        // Grants are counted per whole second, from the second after they were made (docs/rate-limits.md): the
        // first one leaves the hour within 3601 s.
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 3000, 3601);
    }

    [Fact]
    public async Task The_tenant_wide_per_minute_cap_spans_its_users()
    {
        var tenant = NewTenant();
        var secret = await host.ProvisionTenantAsync(tenant, new { per_minute = 10, tenant_per_minute = 4 });
        var users = Enumerable.Range(0, 3).Select(i => TestJwt.Create(secret, tenant, $"user{i}")).ToArray();

        var granted = 0;
        var refusedBy = new List<string>();
        foreach (var jwt in users.Concat(users))
        {
            var response = await host.RequestTokenAsync(jwt);
            if (response.IsSuccessStatusCode) granted++;
            else refusedBy.Add((await HttpAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests))["limit"]!.GetValue<string>());
        }

        Assert.Equal(4, granted);
        Assert.Equal(["tenant_per_minute", "tenant_per_minute"], refusedBy);
    }

    [Fact]
    public async Task A_suspended_tenant_is_refused()
    {
        var tenant = NewTenant();
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant, suspended: true), tenant, "erin");
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.Forbidden);
        Assert.Contains("suspended", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_allowed_models_are_minted()
    {
        var tenant = NewTenant();
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant, allowedModels: ["gpt-realtime-mini", "gpt-4o-mini-transcribe"]), tenant, "fay");

        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt, new { session = new { type = "realtime", model = "gpt-realtime" } }), HttpStatusCode.Forbidden);
        var ok = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt, new { model = "gpt-realtime-mini" }));
        Assert.Equal("gpt-realtime-mini", ok["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Allowed_models_govern_the_transcription_model_of_a_realtime_session()
    {
        var tenant = NewTenant();
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant, allowedModels: ["gpt-realtime", "whisper-1"],
            transcription: new { model = "whisper-1" }), tenant, "hal");

        var refused = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt, Transcribed("gpt-4o-transcribe")), HttpStatusCode.Forbidden);
        Assert.Equal("Transcription model 'gpt-4o-transcribe' is not allowed for this tenant.", refused["detail"]!.GetValue<string>());
        Assert.Equal("session.audio.input.transcription.model", refused["param"]!.GetValue<string>());

        var ok = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt, Transcribed("whisper-1")));
        Assert.Equal("gpt-realtime", ok["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Allowed_models_govern_a_transcription_sessions_model()
    {
        var tenant = NewTenant();
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant, allowedModels: ["gpt-4o-transcribe"],
            transcription: new { enabled = false }), tenant, "ida");
        var whisper = new { session = new { type = "transcription", audio = new { input = new { transcription = new { model = "whisper-1" } } } } };

        var refused = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt, whisper), HttpStatusCode.Forbidden);
        Assert.Contains("'whisper-1' is not allowed", refused["detail"]!.GetValue<string>());

        var ok = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt, new { type = "transcription" }));
        Assert.Equal("gpt-4o-transcribe", ok["model"]!.GetValue<string>());
    }

    private static object Transcribed(string model) =>
        new { session = new { type = "realtime", audio = new { input = new { transcription = new { model } } } } };

    [Fact]
    public async Task Usage_counts_the_tenants_grants()
    {
        var tenant = NewTenant();
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant), tenant, "gil");
        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/tenants/{tenant}/usage");
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);
        var usage = await HttpAssert.OkAsync(await host.Client.SendAsync(request));
        Assert.Equal(2, usage["granted_last_minute"]!.GetValue<int>());
        Assert.Equal(1000, usage["tenant_per_minute"]!.GetValue<int>());
    }
}
