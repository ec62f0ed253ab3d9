using System.Net;
using System.Text.Json.Nodes;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>
/// <c>POST /v1/realtime/calls</c> against the real emulator on Kestrel, with a real .NET peer connection as the
/// client: the emulator answers like OpenAI and talks <c>oai-events</c> over DTLS/SCTP on loopback UDP.
/// </summary>
public sealed class CallsEndpointTests(CallsHost host) : IClassFixture<CallsHost>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 60_000)]
    public async Task A_call_answers_like_OpenAI_and_serves_oai_events_until_hung_up()
    {
        var secret = await host.MintSecretAsync();
        await using var client = new RtcPeerConnection();
        var offer = client.CreateOffer();
        client.SetLocalDescription(offer);

        using var response = await host.PostOfferAsync(secret, offer.Sdp);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, answer);
        Assert.Equal("application/sdp", response.Content.Headers.ContentType?.MediaType);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/v1/realtime/calls/rtc_[A-Za-z0-9]+$", location);
        foreach (var line in new[] { "a=ice-lite", "a=setup:active", "a=group:BUNDLE 0 1", "a=rtpmap:111 opus/48000/2", "a=sctp-port:5000", "a=rtcp-mux" })
        {
            Assert.Contains(line, answer, StringComparison.Ordinal);
        }
        Assert.Matches(@"a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host", answer);

        client.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
        var channel = client.CreateDataChannel("oai-events");
        var events = new EventReader(channel);

        var created = await events.NextAsync();
        Assert.Equal("session.created", (string?)created["type"]);
        Assert.Equal("Be brief.", (string?)created["session"]!["instructions"]);

        channel.Send("""{"type":"session.update","session":{"type":"realtime","instructions":"Transcribe.","audio":{"output":{"voice":"marin"}}}}""");
        var updated = await events.NextAsync();
        Assert.Equal("session.updated", (string?)updated["type"]);
        Assert.Equal("Transcribe.", (string?)updated["session"]!["instructions"]);

        channel.Send("""{"type":"session.update","session":{"type":"realtime","modalities":["text"],"temperature":0.8}}""");
        var refused = await events.NextAsync();
        Assert.Equal("error", (string?)refused["type"]);
        Assert.Equal("unknown_parameter", (string?)refused["error"]!["code"]);

        channel.Send("{oops");
        Assert.Equal("invalid_json", (string?)(await events.NextAsync())["error"]!["code"]);

        channel.Send("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Ping"}]}}""");
        channel.Send("""{"type":"response.create","response":{"output_modalities":["text"]}}""");
        var text = "";
        JsonObject next;
        do
        {
            next = await events.NextAsync();
            if ((string?)next["type"] == "response.output_text.delta") text += (string?)next["delta"];
        }
        while ((string?)next["type"] != "response.done");
        Assert.Equal("You said: Ping", text);
        Assert.Equal("completed", (string?)next["response"]!["status"]);

        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnConnectionStateChange += state =>
        {
            if (state is RtcPeerConnectionState.Closed or RtcPeerConnectionState.Failed) ended.TrySetResult();
        };
        using (var hungUp = await host.HangUpAsync(secret, location))
        {
            Assert.Equal(HttpStatusCode.OK, hungUp.StatusCode);
        }
        await ended.Task.WaitAsync(Limit);
        using var again = await host.HangUpAsync(secret, location);
        await OpenAIErrorAssert.IsErrorAsync(again, HttpStatusCode.NotFound, "call_not_found", "call_id");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_multipart_offer_takes_its_session_part()
    {
        var secret = await host.MintSecretAsync();
        await using var client = new RtcPeerConnection(new RtcConfiguration { OfferAudio = false });
        var offer = client.CreateOffer();
        client.SetLocalDescription(offer);

        using var response = await host.PostFormAsync(secret, offer.Sdp, """{"type":"realtime","instructions":"From the form."}""");
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, answer);
        client.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
        var events = new EventReader(client.CreateDataChannel("oai-events"));
        var created = await events.NextAsync();
        Assert.Equal("From the form.", (string?)created["session"]!["instructions"]);
        await host.HangUpAsync(secret, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_beta_shaped_session_part_is_refused()
    {
        var secret = await host.MintSecretAsync();
        using var response = await host.PostFormAsync(secret, "v=0\r\n", """{"type":"realtime","temperature":0.8}""");
        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "unknown_parameter", "session.temperature");
    }

    [Fact]
    public async Task Unknown_missing_and_expired_secrets_are_401()
    {
        using var unknown = await host.PostOfferAsync("ek_notMintedByThisEmulator0123456789", "v=0\r\n");
        await OpenAIErrorAssert.IsErrorAsync(unknown, HttpStatusCode.Unauthorized, "invalid_api_key", null);
        using var missing = await host.PostOfferAsync(null, "v=0\r\n");
        await OpenAIErrorAssert.IsErrorAsync(missing, HttpStatusCode.Unauthorized, null, null);

        var secret = await host.MintSecretAsync(seconds: 10);
        host.Time.Advance(TimeSpan.FromSeconds(11));
        using var expired = await host.PostOfferAsync(secret, "v=0\r\n");
        await OpenAIErrorAssert.IsErrorAsync(expired, HttpStatusCode.Unauthorized, "invalid_api_key", null);
    }

    [Theory]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio nonsense\r\n")]
    [InlineData("hello")]
    public async Task Malformed_sdp_is_400_naming_the_line(string sdp)
    {
        var secret = await host.MintSecretAsync();
        using var response = await host.PostOfferAsync(secret, sdp);
        var error = await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_offer", "sdp");
        Assert.Contains("line", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_content_type_is_400()
    {
        var secret = await host.MintSecretAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, CallsHost.CallsPath) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", secret);
        using var response = await host.Client.SendAsync(request);
        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_content_type", null);
    }
}
