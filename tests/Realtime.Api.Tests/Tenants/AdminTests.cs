using System.Net;
using System.Net.Http.Json;
using System.Text;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Tenants;

/// <summary>/admin needs the operator's key, validates what it stores, and never shows a secret back.</summary>
[Collection(DevCollection.Name)]
public sealed class AdminTests(DevApiHost host)
{
    private const string ValidBody = "{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\"}";

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Admin_calls_need_the_admin_key(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/admin/tenants/acme") { Content = Json(ValidBody) };
        if (key is not null) request.Headers.Add("X-Admin-Key", key);
        await HttpAssert.ProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_shows_the_tenant_with_secrets_masked_and_default_limits()
    {
        var tenant = "adm-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await host.ProvisionTenantAsync(tenant, openAIKey: "sk-tenant-own-key-abcdefghijklmnop");

        var json = await HttpAssert.OkAsync(await SendAsync(HttpMethod.Get, $"/admin/tenants/{tenant}"));

        Assert.Equal(tenant, json["tenant_id"]!.GetValue<string>());
        Assert.Equal("********", json["signing_secret"]!.GetValue<string>());
        Assert.Equal("********", json["openai_api_key"]!.GetValue<string>());
        Assert.Equal(10, json["limits"]!["per_minute"]!.GetValue<int>());
        Assert.Equal(100, json["limits"]!["per_hour"]!.GetValue<int>());
        Assert.Equal(3, json["limits"]!["concurrent_sessions"]!.GetValue<int>());
        Assert.Equal(1000, json["limits"]!["tenant_per_minute"]!.GetValue<int>());
        Assert.True(json["transcription"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("gpt-4o-mini-transcribe", json["transcription"]!["model"]!.GetValue<string>());
        Assert.DoesNotContain(secret, json.ToJsonString());
        Assert.DoesNotContain("sk-tenant-own-key", json.ToJsonString());
    }

    [Fact]
    public async Task An_unknown_tenant_is_404()
    {
        await HttpAssert.ProblemAsync(await SendAsync(HttpMethod.Get, "/admin/tenants/nobody-here"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"too-short\"}", "signing_secret")]
    [InlineData("{\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\"}", "name")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"limits\":{\"per_minute\":0}}", "limits.per_minute")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"limits\":{\"per_minute\":\"ten\"}}", "limits.per_minute")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"limits\":{\"burst\":5}}", "limits.burst")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"allowed_models\":\"gpt\"}", "allowed_models")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"suspended\":\"no\"}", "suspended")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"openai_api_key\":\"\"}", "openai_api_key")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"transcription\":true}", "transcription")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"transcription\":{\"enabled\":\"yes\"}}", "transcription.enabled")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"transcription\":{\"model\":\" \"}}", "transcription.model")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"transcription\":{\"language\":\"english!\"}}", "transcription.language")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"transcription\":{\"diarize\":true}}", "transcription.diarize")]
    [InlineData("{\"name\":\"Acme\",\"signing_secret\":\"0123456789abcdef0123456789abcdef-x\",\"allowed_models\":[\"gpt-realtime\"]}", "transcription.model")]
    public async Task Invalid_definitions_are_400_naming_the_field(string body, string param)
    {
        using var response = await SendAsync(HttpMethod.Put, "/admin/tenants/acme-invalid", Json(body));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(param, problem["param"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("has.dot")]
    [InlineData("-leading")]
    public async Task Invalid_tenant_ids_are_400(string tid)
    {
        await HttpAssert.ProblemAsync(await SendAsync(HttpMethod.Put, $"/admin/tenants/{tid}", Json(ValidBody)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_put_replaces_the_tenant_and_takes_effect_at_once()
    {
        var tenant = "adm-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await host.ProvisionTenantAsync(tenant);
        var jwt = TestJwt.Create(secret, tenant, "hal");
        await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));

        var suspend = new { name = "Suspended", signing_secret = secret, suspended = true };
        await HttpAssert.OkAsync(await SendAsync(HttpMethod.Put, $"/admin/tenants/{tenant}", JsonContent.Create(suspend)));

        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.Forbidden);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);
        return host.Client.SendAsync(request);
    }
}
