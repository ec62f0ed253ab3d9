using System.Text.RegularExpressions;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace Realtime.Browser.Tests.Speaker;

/// <summary>
/// The speaker page on an api in Production whose OpenAI (a scripted stand-in) mints the session but fails the
/// call: the page says the call failed and why, lets go of the microphone, and ends the session it minted.
/// </summary>
public sealed class SpeakerCallFailureTests(StubbedApiHost host) : IClassFixture<StubbedApiHost>
{
    [Fact(Timeout = 120_000)]
    public async Task A_call_OpenAI_refuses_is_named_the_microphone_is_released_and_the_session_ended()
    {
        var tenant = "speak-" + Guid.NewGuid().ToString("N")[..10];
        var jwt = TestJwt.Create(await host.ProvisionTenantAsync(tenant), tenant, "ann");
        host.Upstream.CallsBehaviour = () => (500, """{"error":{"message":"The server had an error.","type":"server_error"}}""");
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var speaker = await SpeakerPage.OpenAsync(chromium, host.BaseAddress);

        await speaker.SignInAsync("ann"); // Production: no development sign-in, and the page says so
        await Expect(speaker.Message).ToContainTextAsync("no development sign-in");
        await speaker.UseTokenAsync(jwt);
        await speaker.Start.ClickAsync();

        await Expect(speaker.Status).ToHaveAttributeAsync("data-status", "failed");
        await Expect(speaker.Message).ToHaveTextAsync(new Regex("^The call was refused: .+"));
        await Expect(speaker.Start).ToBeEnabledAsync();
        Assert.Equal(["ended"], await speaker.MicrophoneTrackStatesAsync());
        var call = Assert.Single(speaker.Requests, r => r.EndsWith("/calls", StringComparison.Ordinal));
        var sessionId = Regex.Match(call, "ses_[A-Za-z0-9]+").Value;
        await Eventually.TrueAsync(async () =>
            (await HttpAssert.OkAsync(await SessionCalls.GetAsync(host, jwt, $"/api/sessions/{sessionId}")))["state"]!.GetValue<string>() == "ended",
            "the session the page minted is ended");
    }
}
