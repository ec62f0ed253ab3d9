using System.Net;
using Realtime.Emulator.Tests.Calls;

namespace Realtime.Emulator.Tests;

/// <summary>CORS as OpenAI answers it: a page on another origin may call the Realtime routes with the headers OpenAI's browser SDKs send.</summary>
public sealed class CorsTests(CallsHost host) : IClassFixture<CallsHost>
{
    private const string Origin = "http://127.0.0.1:9";

    [Theory]
    [InlineData("/v1/realtime/calls", "authorization,content-type,x-openai-agents-sdk")]
    [InlineData("/v1/realtime/client_secrets", "authorization,content-type")]
    public async Task A_preflight_for_the_Agents_SDK_headers_is_answered(string path, string headers)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", headers);

        using var response = await host.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        foreach (var header in headers.Split(',')) Assert.Contains(header, allowed, StringComparison.Ordinal);
        Assert.Contains("POST", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_for_a_header_OpenAI_does_not_allow_does_not_allow_it()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, CallsHost.CallsPath);
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-not-allowed");

        using var response = await host.Client.SendAsync(preflight);

        var allowed = response.Headers.TryGetValues("Access-Control-Allow-Headers", out var values) ? string.Join(',', values) : "";
        Assert.DoesNotContain("x-not-allowed", allowed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cross_origin_call_may_read_its_Location()
    {
        var secret = await host.MintSecretAsync();
        var peer = new Realtime.WebRtc.PeerConnection.RtcPeerConnection();
        var offer = peer.CreateOffer().Sdp;
        await peer.DisposeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, CallsHost.CallsPath)
        {
            Content = new StringContent(offer, System.Text.Encoding.UTF8, "application/sdp"),
        };
        request.Headers.Authorization = new("Bearer", secret);
        request.Headers.Add("Origin", Origin);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Location", string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.True(await host.Calls.HangUpAsync(response.Headers.Location!.ToString().Split('/')[^1]));
    }
}
