using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Shared.Sessions;

namespace Realtime.Api.Tests.Tenants;

/// <summary>DELETE /admin/tenants/{tid}: live sessions end (viewers see it), the tenant is gone, its tokens stop at once.</summary>
[Collection(DevCollection.Name)]
public sealed class TenantDeletionTests(DevApiHost host)
{
    [Fact]
    public async Task Deleting_a_tenant_ends_its_live_sessions_and_refuses_its_tokens_at_once()
    {
        var tenant = "del-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await host.ProvisionTenantAsync(tenant);
        var owner = TestJwt.Create(secret, tenant, "speaker");
        var live = await MintAsync(owner);
        var issued = await MintAsync(owner);
        await using var speaker = await CaptionClient.ConnectAsync(host, owner);
        await speaker.PublishAsync(live, OpenAIEvents.UserCompleted("item_1", "hello"));
        await using var viewer = await CaptionClient.ConnectAsync(host, owner);
        await viewer.WatchAsync(live);

        Assert.Equal(HttpStatusCode.NoContent, (await host.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{tenant}")).StatusCode);

        await HttpAssert.ProblemAsync(await host.RequestTokenAsync(owner), HttpStatusCode.Unauthorized);
        await HttpAssert.ProblemAsync(await host.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await host.AdminAsync(HttpMethod.Get, $"/admin/tenants/{tenant}/usage"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await host.AdminAsync(HttpMethod.Delete, $"/admin/tenants/{tenant}"), HttpStatusCode.NotFound);
        Assert.Equal(SessionState.Ended, (await SnapshotAsync(live))!.State);
        await Eventually.TrueAsync(() => viewer.States.Contains("ended"), "the viewer to see the session ended", TimeSpan.FromSeconds(15));

        // A connection opened before the delete can still publish to an issued session: it goes live, then ends.
        await speaker.PublishAsync(issued, OpenAIEvents.UserCompleted("item_2", "late"));
        await Eventually.TrueAsync(async () => (await SnapshotAsync(issued))!.State == SessionState.Ended, "the late session to end", TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("                                        ")]
    [InlineData("\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t")]
    public async Task A_whitespace_or_one_character_secret_is_refused_naming_the_field(string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/admin/tenants/weak")
        {
            Content = new StringContent($"{{\"name\":\"Weak\",\"signing_secret\":{System.Text.Json.JsonSerializer.Serialize(secret)}}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);

        var problem = await HttpAssert.ProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.Equal("signing_secret", problem["param"]!.GetValue<string>());
    }

    private async Task<string> MintAsync(string jwt) =>
        (await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt)))["session_id"]!.GetValue<string>();

    private Task<SessionSnapshot?> SnapshotAsync(string sessionId) =>
        host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(sessionId).GetSnapshot();
}
