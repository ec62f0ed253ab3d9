using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Upstream;

/// <summary>
/// Drives successes and every kind of failure, then searches every response the clients received and every
/// log line the api wrote (Debug level, structured arguments included) for the platform key, a tenant's
/// own key and the signing secrets.
/// </summary>
[Collection(StubbedCollection.Name)]
public sealed class SecretLeakTests(StubbedApiHost host)
{
    [Fact]
    public async Task No_response_and_no_log_line_carries_an_openai_key_or_a_signing_secret()
    {
        const string tenantKey = "sk-tenant-LEAKCANARY-abcdefghijklmnopqrstuvwxyz";
        var withKey = "leak-" + Guid.NewGuid().ToString("N")[..8];
        var withoutKey = "leak-" + Guid.NewGuid().ToString("N")[..8];
        var secretA = await host.ProvisionTenantAsync(withKey, openAIKey: tenantKey);
        var secretB = await host.ProvisionTenantAsync(withoutKey);
        var jwts = new[] { TestJwt.Create(secretA, withKey, "mo"), TestJwt.Create(secretB, withoutKey, "ned") };

        foreach (var jwt in jwts)
        {
            host.Upstream.Behaviour = () => null;
            await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
            // OpenAI quotes the refused key in its message; the api must not pass it on.
            host.Upstream.Behaviour = () => (401, $"{{\"error\":{{\"message\":\"Incorrect API key provided: {tenantKey} / {StubbedApiHost.PlatformKey}\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}}}", TimeSpan.Zero, null);
            await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.BadGateway);
            host.Upstream.Behaviour = () => (400, $"{{\"error\":{{\"message\":\"Bad session for key {tenantKey}\",\"type\":\"invalid_request_error\"}}}}", TimeSpan.Zero, null);
            await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.BadRequest);
            host.Upstream.Behaviour = () => (500, "{}", TimeSpan.Zero, null);
            await HttpAssert.ProblemAsync(await host.RequestTokenAsync(jwt), HttpStatusCode.BadGateway);
        }
        host.Upstream.Behaviour = () => null;
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/admin/tenants/{withKey}");
        read.Headers.Add("X-Admin-Key", ApiHost.AdminKey);
        await HttpAssert.OkAsync(await host.Client.SendAsync(read));

        var secrets = new[] { tenantKey, StubbedApiHost.PlatformKey, secretA, secretB, "LEAKCANARY", "TESTKEY" };
        Assert.NotEmpty(host.Logs.Lines);
        Assert.NotEmpty(host.Recorder.Responses);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(host.Recorder.Responses, r => r.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
