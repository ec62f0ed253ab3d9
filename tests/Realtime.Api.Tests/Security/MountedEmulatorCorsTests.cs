using System.Net;
using Realtime.Api.Tests.Infrastructure;

namespace Realtime.Api.Tests.Security;

/// <summary>
/// The emulator mounted on the api keeps OpenAI's CORS beside the tenants' own: a page on any origin may post an offer
/// to <c>calls_url</c> with the Agents SDK's headers, as it may to OpenAI.
/// </summary>
[Collection(DevCollection.Name)]
public sealed class MountedEmulatorCorsTests(DevApiHost host)
{
    [Fact]
    public async Task A_preflight_to_the_mounted_calls_url_from_any_origin_is_allowed_with_the_Agents_SDK_header()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/realtime/calls");
        preflight.Headers.Add("Origin", "http://127.0.0.1:9");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-openai-agents-sdk");

        using var response = await host.Client.SendAsync(preflight);

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{(int)response.StatusCode} {response.Headers}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-openai-agents-sdk", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_cross_origin_offer_to_the_mounted_calls_url_is_readable_with_its_Location()
    {
        var jwt = await DevTokens.ForAsync(host, DevTokens.NewUser());
        var token = await HttpAssert.OkAsync(await host.RequestTokenAsync(jwt));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/calls")
        {
            Content = new StringContent("v=0\r\n", System.Text.Encoding.UTF8, "application/sdp"),
        };
        request.Headers.Authorization = new("Bearer", token["value"]!.GetValue<string>());
        request.Headers.Add("Origin", "http://127.0.0.1:9");
        request.Headers.Add("X-OpenAI-Agents-SDK", "openai-agents-sdk.0.20.0");

        using var response = await host.Client.SendAsync(request);

        // An unusable offer, so no call is left behind; the CORS answer is the same for a 201.
        Assert.True(response.Headers.Contains("Access-Control-Allow-Origin"), $"{(int)response.StatusCode} {response.Headers}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Location", string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }
}
