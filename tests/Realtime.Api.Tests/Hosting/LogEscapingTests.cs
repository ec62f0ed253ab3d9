using Realtime.Api.Tests.Infrastructure;
using Realtime.Api.Tests.RateLimiting;
using Realtime.Shared.Logging;

namespace Realtime.Api.Tests.Hosting;

/// <summary>
/// User-controlled strings (a token's sub, a tenant's name) reach the log with control characters escaped, so a
/// value can neither forge a log line nor drive an operator's terminal.
/// </summary>
public sealed class LogEscapingTests
{
    private const string ForgedSub = "mallory\nInformation Realtime: forged line\u001b[31m";

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\nb\r\tc", "a\\nb\\r\\tc")]
    [InlineData("bell\u0007esc\u001b[0m", "bell\\u0007esc\\u001b[0m")]
    [InlineData("next\u0085line", "next\\u0085line")]
    public void Control_characters_become_escapes(string value, string expected) => Assert.Equal(expected, LogText.Escape(value));

    [Fact]
    public async Task A_sub_and_a_tenant_name_with_control_characters_are_logged_escaped()
    {
        await UnauthenticatedRateLimitTests.WithHostAsync("Production", new() { ["Emulator:Enabled"] = "true" }, async host =>
        {
            var secret = await host.ProvisionTenantAsync("escapes");
            await ProvisionNamedAsync(host, "escapes", secret, "Evil\nName\u001b[2J");
            await HttpAssert.OkAsync(await host.RequestTokenAsync(TestJwt.Create(secret, "escapes", ForgedSub)));

            var lines = host.Logs.Lines.ToList();
            Assert.Contains(lines, l => l.Contains("escapes/mallory\\nInformation Realtime: forged line\\u001b[31m", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Evil\\nName\\u001b[2J", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains('\u001b'));
            Assert.DoesNotContain(lines, l => l.Contains("mallory\n", StringComparison.Ordinal) || l.Contains("Evil\n", StringComparison.Ordinal));
        });
    }

    private static async Task ProvisionNamedAsync(ApiHost host, string tenantId, string secret, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/tenants/{tenantId}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name, signing_secret = secret }),
        };
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);
        await HttpAssert.OkAsync(await host.Client.SendAsync(request));
    }
}
