using System.Net;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Auth;

/// <summary>The token endpoint trusts only HS256 JWTs signed by the tenant named in their tid, unexpired, with a sub.</summary>
[Collection(DevCollection.Name)]
public sealed class JwtTests(DevApiHost host) : IAsyncLifetime
{
    private readonly string _tenantA = "jwt-a-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _tenantB = "jwt-b-" + Guid.NewGuid().ToString("N")[..8];
    private string _secretA = "";
    private string _secretB = "";

    public async Task InitializeAsync()
    {
        _secretA = await host.ProvisionTenantAsync(_tenantA);
        _secretB = await host.ProvisionTenantAsync(_tenantB);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_well_signed_token_is_accepted()
    {
        await HttpAssert.OkAsync(await host.RequestTokenAsync(TestJwt.Create(_secretA, _tenantA, "alice")));
    }

    [Fact]
    public async Task No_token_is_401_problem_with_a_bearer_challenge()
    {
        using var response = await host.Client.PostAsync("/api/realtime-token", null);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Alg_none_is_refused()
    {
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(TestJwt.Unsigned(_tenantA, "alice")), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_key_is_refused()
    {
        var forged = TestJwt.Create("not-the-tenant-secret-but-long-enough-0123456789", _tenantA, "alice");
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(forged), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task One_tenants_key_cannot_sign_for_another_tid()
    {
        var crossTenant = TestJwt.Create(_secretB, _tenantA, "alice");
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(crossTenant), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused_beyond_the_clock_skew()
    {
        var expired = TestJwt.Create(_secretA, _tenantA, "alice", lifetime: TimeSpan.FromMinutes(-2));
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(expired), HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_within_the_clock_skew_is_still_accepted()
    {
        var justExpired = TestJwt.Create(_secretA, _tenantA, "alice", lifetime: TimeSpan.FromSeconds(-10));
        await HttpAssert.OkAsync(await host.RequestTokenAsync(justExpired));
    }

    [Fact]
    public async Task A_token_without_exp_is_refused()
    {
        var forever = TestJwt.Create(_secretA, _tenantA, "alice", withExpiry: false);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(forever), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_sub_is_refused()
    {
        var anonymous = TestJwt.Create(_secretA, _tenantA, sub: null);
        var problem = await HttpAssert.ProblemAsync(await host.RequestTokenAsync(anonymous), HttpStatusCode.Unauthorized);
        Assert.Contains("sub", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_without_tid_or_of_an_unknown_tenant_is_refused()
    {
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(TestJwt.Create(_secretA, tid: null, "alice")), HttpStatusCode.Unauthorized);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(TestJwt.Create(_secretA, "no-such-tenant", "alice")), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Algorithms_other_than_HS256_are_refused_even_with_the_right_key()
    {
        var hs512 = TestJwt.Create(_secretA, _tenantA, "alice", algorithm: SecurityAlgorithms.HmacSha512);
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(hs512), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Garbage_is_refused()
    {
        await HttpAssert.ProblemAsync(await host.RequestTokenAsync("not.a.jwt"), HttpStatusCode.Unauthorized);
    }
}
