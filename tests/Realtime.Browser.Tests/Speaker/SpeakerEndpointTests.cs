using System.Net;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Browser.Tests.Infrastructure;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>The speaker's modules over plain HTTP: another origin may import them (the page's own headers: <see cref="ViewerEndpointTests"/>).</summary>
public sealed class SpeakerEndpointTests(DevApiHost host) : IClassFixture<DevApiHost>
{
    [Theory(Timeout = 60_000)]
    [InlineData("realtime-speaker.js")]
    [InlineData("event-relay.js")]
    [InlineData("speaker-captions.js")]
    [InlineData("speak.js")]
    public async Task The_speaker_modules_are_served_to_any_origin_without_credentials(string file)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/viewer/{file}");
        request.Headers.Add("Origin", "https://app.tenant.example");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_speak_page_itself_is_not_an_asset()
    {
        using var response = await host.Client.GetAsync("/viewer/speak.html");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }
}
