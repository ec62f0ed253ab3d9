using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Realtime.Api.Tests.Infrastructure;
using Realtime.Shared.Sessions;
using Realtime.Testing.Browser;

namespace Realtime.Browser.Tests.WebRtc;

/// <summary>
/// The promise for <c>POST /api/sessions/{id}/calls</c>: a browser that holds only the user's JWT and a
/// session id gets a working call (over real WebRTC, to the api's mounted emulator) with no secret in the page.
/// </summary>
public sealed class SessionCallTests(DevApiHost host) : IClassFixture<DevApiHost>
{
    private const int TestTimeoutMs = 120_000;
    private const int EventWaitMs = 15_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task A_page_with_only_a_JWT_and_a_session_id_gets_a_working_call_and_never_sees_a_secret()
    {
        var (jwt, sessionId) = await SessionCalls.MintAsync(host);
        Assert.StartsWith("ses_", sessionId, StringComparison.Ordinal);
        await using var chromium = await Chromium.LaunchAsync(Chromium.WebRtcFlags);
        var fetched = new ConcurrentQueue<Task<string>>();
        chromium.Context.Response += (_, response) => fetched.Enqueue(BodyOfAsync(response));
        var page = await RealtimeCallPage.OpenAsync(chromium, host.BaseAddress);

        var call = await page.Page.EvaluateAsync<JsonElement>("a => startSessionCall(a)", new[] { jwt, sessionId });

        Assert.True(call.GetProperty("status").GetInt32() == 201, $"calls answered {call}");
        var location = call.GetProperty("location").GetString()!;
        Assert.Matches($"^/api/sessions/{sessionId}/calls/rtc_[A-Za-z0-9]+$", location);
        var created = await NextAsync(page, "session.created");
        Assert.Equal("realtime", created.GetProperty("session").GetProperty("type").GetString());

        await SendAsync(page, """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello from a secretless page"}]}}""");
        await SendAsync(page, """{"type":"response.create","response":{"output_modalities":["text"]}}""");
        var text = await NextAsync(page, "response.output_text.done");
        Assert.Equal("You said: Hello from a secretless page", text.GetProperty("text").GetString());
        var done = await NextAsync(page, "response.done");
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());

        var callId = location.Split('/')[^1];
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Assert.Equal([callId], await grains.GetGrain<ISessionGrain>(sessionId).GetCallIds());

        var seen = new List<string> { await page.Page.ContentAsync() };
        seen.AddRange(await Task.WhenAll(fetched));
        Assert.Contains(seen, body => body.Contains("a=ice-lite", StringComparison.Ordinal));
        foreach (var body in seen)
        {
            Assert.DoesNotContain("ek_", body, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-", body, StringComparison.Ordinal);
        }

        await page.Page.EvaluateAsync("() => pc.close()");
    }

    // A response's headers and body as text; a body the browser no longer holds reads as empty.
    private static async Task<string> BodyOfAsync(IResponse response)
    {
        var headers = string.Join("\n", (await response.AllHeadersAsync()).Select(h => $"{h.Key}: {h.Value}"));
        try
        {
            return headers + "\n\n" + await response.TextAsync();
        }
        catch (PlaywrightException)
        {
            return headers;
        }
    }

    private static Task<JsonElement?> SendAsync(RealtimeCallPage page, string text) => page.Page.EvaluateAsync("t => send(t)", text);

    private static Task<JsonElement> NextAsync(RealtimeCallPage page, string type) =>
        page.Page.EvaluateAsync<JsonElement>("([t, ms]) => nextEvent(t, ms)", new object[] { type, EventWaitMs });
}
