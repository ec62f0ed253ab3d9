using System.Net;
using System.Net.Http.Headers;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Security;

/// <summary>
/// Tokens an attacker holding one tenant's secret can forge: identity claims in another case, twice, as arrays or
/// numbers, a string exp, a wrong issuer or audience. Every authenticated route and the hub refuse each of them
/// with 401 problem+json, while the same tenants' honest tokens pass.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class ForgedTokenTests(DevApiHost host)
{
    private const string Issuer = "https://issuer.example";
    private const string Audience = "realtime-api";

    [Fact]
    public async Task Every_forged_token_is_refused_on_every_authenticated_route_and_the_hub()
    {
        var (ta, tb, tc) = (NewTenant("fa"), NewTenant("fb"), NewTenant("fc"));
        var secretA = await host.ProvisionTenantAsync(ta);
        var secretB = await host.ProvisionTenantAsync(tb);
        var secretC = await host.ProvisionTenantAsync(tc, issuer: Issuer, audience: Audience);
        var victim = TestJwt.Raw(secretB, $$"""{"tid":"{{tb}}","sub":"victim","exp":{{TestJwt.Expiry}}}""");
        var session = (await HttpAssert.OkAsync(await host.RequestTokenAsync(victim)))["session_id"]!.GetValue<string>();
        var exp = TestJwt.Expiry;

        // Each is signed by the tenant its exact tid names, so only the claim rules can refuse it.
        var forged = new (string Name, string Token)[]
        {
            ("TID beside tid", TestJwt.Raw(secretA, $$"""{"TID":"{{tb}}","tid":"{{ta}}","sub":"victim","exp":{{exp}}}""")),
            ("Tid beside tid", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","Tid":"{{tb}}","sub":"victim","exp":{{exp}}}""")),
            ("escaped TID", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","\u0054ID":"{{tb}}","sub":"victim","exp":{{exp}}}""")),
            ("SUB beside sub", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","SUB":"victim","sub":"a","exp":{{exp}}}""")),
            ("Sub only", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","Sub":"victim","exp":{{exp}}}""")),
            ("WATCH", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","WATCH":"*","exp":{{exp}}}""")),
            ("Watch", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","Watch":"{{session}}","exp":{{exp}}}""")),
            ("tid twice", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","tid":"{{tb}}","sub":"victim","exp":{{exp}}}""")),
            ("tid twice, other first", TestJwt.Raw(secretB, $$"""{"tid":"{{ta}}","tid":"{{tb}}","sub":"victim","exp":{{exp}}}""")),
            ("sub twice", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","sub":"victim","exp":{{exp}}}""")),
            ("watch twice", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","watch":"{{session}}","watch":"*","exp":{{exp}}}""")),
            ("tid array", TestJwt.Raw(secretA, $$"""{"tid":["{{ta}}","{{tb}}"],"sub":"victim","exp":{{exp}}}""")),
            ("sub array", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":["victim"],"exp":{{exp}}}""")),
            ("watch array", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","watch":["*"],"exp":{{exp}}}""")),
            ("tid number", TestJwt.Raw(secretA, $$"""{"tid":1,"sub":"a","exp":{{exp}}}""")),
            ("sub number", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":1,"exp":{{exp}}}""")),
            ("watch number", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","watch":1,"exp":{{exp}}}""")),
            ("watch object", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","watch":{"id":"*"},"exp":{{exp}}}""")),
            ("watch null", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","watch":null,"exp":{{exp}}}""")),
            ("string exp", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","exp":"{{exp}}"}""")),
            ("exp twice", TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","exp":1,"exp":{{exp}}}""")),
            ("no iss where required", TestJwt.Raw(secretC, $$"""{"tid":"{{tc}}","sub":"a","aud":"{{Audience}}","exp":{{exp}}}""")),
            ("wrong iss", TestJwt.Raw(secretC, $$"""{"tid":"{{tc}}","sub":"a","iss":"https://evil.example","aud":"{{Audience}}","exp":{{exp}}}""")),
            ("wrong aud", TestJwt.Raw(secretC, $$"""{"tid":"{{tc}}","sub":"a","iss":"{{Issuer}}","aud":"other","exp":{{exp}}}""")),
        };

        foreach (var (name, token) in forged)
            foreach (var (method, path, viaQuery) in Routes(session))
            {
                var response = await SendAsync(method, path, token, viaQuery);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} on {method} {path}: {(int)response.StatusCode} {body}");
                await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
            }

        // The rules refuse only what is forged: the same tenants' honest tokens pass.
        await HttpAssert.OkAsync(await host.RequestTokenAsync(TestJwt.Raw(secretA, $$"""{"tid":"{{ta}}","sub":"a","exp":{{exp}}}""")));
        await HttpAssert.OkAsync(await host.RequestTokenAsync(
            TestJwt.Raw(secretC, $$"""{"tid":"{{tc}}","sub":"a","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}}}""")));
        await HttpAssert.OkAsync(await SendAsync(HttpMethod.Post, "/hubs/captions/negotiate?negotiateVersion=1", victim, viaQuery: false));
    }

    [Fact]
    public async Task A_tenant_that_requires_issuer_and_audience_accepts_the_viewer_tokens_the_api_issues()
    {
        var tenant = NewTenant("fi");
        var secret = await host.ProvisionTenantAsync(tenant, issuer: Issuer, audience: Audience);
        var owner = TestJwt.Raw(secret, $$"""{"tid":"{{tenant}}","sub":"a","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{TestJwt.Expiry}}}""");
        var session = (await HttpAssert.OkAsync(await host.RequestTokenAsync(owner)))["session_id"]!.GetValue<string>();

        var share = await HttpAssert.OkAsync(await SessionCalls.PostAsync(host, owner, $"/api/sessions/{session}/viewer-token"));
        var viewer = share["token"]!.GetValue<string>();

        var seen = await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, viewer, $"/api/sessions/{session}"));
        Assert.Equal(session, seen["session_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_case_attack_token_is_refused_and_the_victim_tenant_is_untouched()
    {
        var (ta, tb) = (NewTenant("ca"), NewTenant("cb"));
        var secretA = await host.ProvisionTenantAsync(ta);
        var secretB = await host.ProvisionTenantAsync(tb);
        var victim = TestJwt.Raw(secretB, $$"""{"tid":"{{tb}}","sub":"victim","exp":{{TestJwt.Expiry}}}""");
        var session = (await HttpAssert.OkAsync(await host.RequestTokenAsync(victim)))["session_id"]!.GetValue<string>();
        var attack = TestJwt.Raw(secretA, $$"""{"TID":"{{tb}}","tid":"{{ta}}","sub":"victim","exp":{{TestJwt.Expiry}}}""");

        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(attack), HttpStatusCode.Unauthorized);
        Assert.Contains("'TID'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await HttpAssert.ProblemAsync(await SendAsync(HttpMethod.Post, $"/api/sessions/{session}/end", attack, false), HttpStatusCode.Unauthorized);

        var usage = await HttpAssert.OkAsync(await host.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tb}/usage"));
        Assert.Equal(1, usage["granted_last_minute"]!.GetValue<int>()); // the victim's own mint, nothing more
        var state = await HttpAssert.OkAsync(await SendAsync(HttpMethod.Get, $"/api/sessions/{session}", victim, false));
        Assert.Equal("issued", state["state"]!.GetValue<string>());
    }

    private static string NewTenant(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private static IEnumerable<(HttpMethod Method, string Path, bool ViaQuery)> Routes(string session) =>
    [
        (HttpMethod.Post, "/api/realtime-token", false),
        (HttpMethod.Post, "/realtime-token", false),
        (HttpMethod.Get, $"/api/sessions/{session}", false),
        (HttpMethod.Get, $"/api/sessions/{session}/transcript", false),
        (HttpMethod.Post, $"/api/sessions/{session}/viewer-token", false),
        (HttpMethod.Post, $"/api/sessions/{session}/end", false),
        (HttpMethod.Post, "/hubs/captions/negotiate?negotiateVersion=1", false),
        (HttpMethod.Post, "/hubs/captions/negotiate?negotiateVersion=1", true),
    ];

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, bool viaQuery)
    {
        var request = new HttpRequestMessage(method, viaQuery ? $"{path}&access_token={Uri.EscapeDataString(token)}" : path);
        if (!viaQuery) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await host.Client.SendAsync(request);
    }
}
