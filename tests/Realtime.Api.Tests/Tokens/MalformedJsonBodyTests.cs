using System.Net;
using System.Net.Http.Headers;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Testing;

namespace Realtime.Api.Tests.Tokens;

/// <summary>
/// JSON bodies that parse but cannot be trusted (duplicate names, unpaired surrogates, invalid UTF-8) are a 400
/// problem naming the fault on every route that reads JSON, never a 500 from a reader that trips over them later.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class MalformedJsonBodyTests(DevApiHost host)
{
    [Theory]
    [MemberData(nameof(MalformedJson.Cases), MemberType = typeof(MalformedJson))]
    public async Task The_token_route_answers_400_naming_the_fault(string fault)
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        using var request = Request(HttpMethod.Post, "/api/realtime-token", fault);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        await AssertRefusedAsync(await host.Client.SendAsync(request), fault);
    }

    [Theory]
    [MemberData(nameof(MalformedJson.Cases), MemberType = typeof(MalformedJson))]
    public async Task The_admin_tenant_route_answers_400_naming_the_fault(string fault)
    {
        using var request = Request(HttpMethod.Put, "/admin/tenants/malformed-json", fault);
        request.Headers.Add("X-Admin-Key", ApiHost.AdminKey);
        await AssertRefusedAsync(await host.Client.SendAsync(request), fault);
    }

    [Theory]
    [MemberData(nameof(MalformedJson.Cases), MemberType = typeof(MalformedJson))]
    public async Task The_dev_token_route_answers_400_naming_the_fault(string fault)
    {
        using var request = Request(HttpMethod.Post, "/dev/token", fault);
        await AssertRefusedAsync(await host.Client.SendAsync(request), fault);
    }

    [Fact]
    public async Task A_fault_deep_in_the_session_names_its_path()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime-token")
        {
            Content = Json("""{"session":{"type":"realtime","audio":{"output":{"voice":"marin","voice":"cedar"}}}}"""u8.ToArray()),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        var problem = await HttpAssert.ProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Contains("duplicate property 'voice' at $.session.audio.output", problem["detail"]!.GetValue<string>());
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string fault) =>
        new(method, path) { Content = Json(MalformedJson.Bytes(fault)) };

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string fault)
    {
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("https://httpstatuses.io/400", problem["type"]!.GetValue<string>());
        var detail = problem["detail"]!.GetValue<string>();
        Assert.StartsWith("The body is not valid JSON: ", detail);
        Assert.Contains(MalformedJson.Problem(fault), detail);
    }
}
