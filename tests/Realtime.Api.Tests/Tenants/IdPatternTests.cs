using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Realtime.Api.Sessions;
using Realtime.Api.Tenants;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Tenants;

/// <summary>
/// Id patterns match the whole value: a trailing newline (which a '$' anchor lets through) or any other
/// control character makes a tenant id, a dev user name or a session id invalid, directly and on the routes.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class IdPatternTests(DevApiHost host)
{
    [Theory]
    [InlineData("dev\n")]
    [InlineData("dev\r\n")]
    [InlineData("\ndev")]
    [InlineData("dev\0")]
    public void A_tenant_id_with_a_newline_or_control_character_is_invalid(string tid)
    {
        Assert.True(TenantId.IsValid("dev"));
        Assert.False(TenantId.IsValid(tid));
    }

    [Theory]
    [InlineData("ses_x\n")]
    [InlineData("ses_AAAAAAAAAAAAAAAAAAAAAAAA\n")]
    public void A_session_id_with_a_trailing_newline_is_invalid(string id)
    {
        Assert.True(SessionId.IsValid("ses_AAAAAAAAAAAAAAAAAAAAAAAA"));
        Assert.False(SessionId.IsValid(id));
    }

    [Fact]
    public async Task The_admin_route_refuses_a_tenant_id_ending_in_a_newline()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/admin/tenants/dev%0A")
        {
            Content = JsonContent.Create(new JsonObject { ["name"] = "Newline", ["signing_secret"] = "s3cret-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") }),
        };
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);

        var problem = await HttpAssert.ProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.Contains("tenant id", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("alice\n", "user")]
    [InlineData("alice\r\n", "user")]
    public async Task The_dev_token_route_refuses_a_user_ending_in_a_newline(string user, string param)
    {
        var problem = await HttpAssert.ProblemAsync(await host.Client.PostAsJsonAsync("/dev/token", new JsonObject { ["user"] = user }), HttpStatusCode.BadRequest);

        Assert.Equal(param, problem["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_dev_token_route_refuses_a_watch_id_ending_in_a_newline()
    {
        var body = new JsonObject { ["user"] = "alice", ["watch"] = "ses_AAAAAAAAAAAAAAAAAAAAAAAA\n" };

        var problem = await HttpAssert.ProblemAsync(await host.Client.PostAsJsonAsync("/dev/token", body), HttpStatusCode.BadRequest);

        Assert.Equal("watch", problem["param"]!.GetValue<string>());
    }
}
