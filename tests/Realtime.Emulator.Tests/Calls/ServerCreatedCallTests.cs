using System.Net;
using System.Text.Json.Nodes;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>
/// A server creating the call itself, as OpenAI's own example does: <c>POST /v1/realtime/calls</c> with the platform
/// <c>sk-</c> key and a multipart body (<c>sdp</c> + <c>session</c>).
/// </summary>
public sealed class ServerCreatedCallTests(CallsHost host) : IClassFixture<CallsHost>
{
    /// <summary>A real offer; the peer is closed at once, since only its SDP is posted.</summary>
    private static string Offer()
    {
        var peer = new RtcPeerConnection();
        var offer = peer.CreateOffer();
        peer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return offer.Sdp;
    }

    [Fact(Timeout = 60_000)]
    public async Task The_platform_key_and_a_multipart_offer_open_a_call_with_the_effective_session()
    {
        using var response = await host.PostFormAsync(ListedKeysHost.Key, Offer(), """{"type":"realtime","model":"gpt-realtime","instructions":"From the server."}""");
        var answer = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Created, answer);
        Assert.Contains("a=setup:active", answer, StringComparison.Ordinal);
        var callId = response.Headers.Location!.ToString().Split('/')[^1];
        var call = host.Calls.Find(callId);
        Assert.NotNull(call);
        var session = call!.Session;
        Assert.Equal("From the server.", (string?)session["instructions"]);
        Assert.Equal("realtime.session", (string?)session["object"]);
        Assert.Equal("audio/pcm", (string?)session["audio"]!["output"]!["format"]!["type"]);
        Assert.True(await host.Calls.HangUpAsync(callId));
    }

    [Fact]
    public async Task The_platform_key_needs_a_session_part()
    {
        using var raw = await host.PostOfferAsync(ListedKeysHost.Key, Offer());
        await OpenAIErrorAssert.IsErrorAsync(raw, HttpStatusCode.BadRequest, "missing_required_parameter", "session");
        using var noSession = await host.PostFormAsync(ListedKeysHost.Key, Offer(), null);
        await OpenAIErrorAssert.IsErrorAsync(noSession, HttpStatusCode.BadRequest, "missing_required_parameter", "session");
    }

    [Theory]
    [InlineData("""{"model":"gpt-realtime"}""", "missing_required_parameter", "session.type")]
    [InlineData("""{"type":"realtime","temperature":0.8}""", "unknown_parameter", "session.temperature")]
    [InlineData("""{"type":"transcription","instructions":"x"}""", "unknown_parameter", "session.instructions")]
    [InlineData("""{"type":"beta"}""", "invalid_value", "session.type")]
    public async Task The_server_session_is_held_to_the_GA_rules(string session, string code, string param)
    {
        using var response = await host.PostFormAsync(ListedKeysHost.Key, Offer(), session);
        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, code, param);
        Assert.Equal(0, host.Calls.Count);
    }

    [Fact]
    public async Task A_key_that_is_not_listed_is_401()
    {
        using var response = await host.PostFormAsync("sk-not-a-listed-key-0123456789", Offer(), """{"type":"realtime"}""");
        await OpenAIErrorAssert.IsErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key", null);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_offer_of_PCMU_alone_is_answered_not_refused()
    {
        var secret = await host.MintSecretAsync();
        var offer = Offer();
        var audioLine = offer.Split("\r\n").First(l => l.StartsWith("m=audio", StringComparison.Ordinal));
        var pcmuOnly = offer.Replace(audioLine, string.Join(' ', audioLine.Split(' ').Take(3)) + " 0", StringComparison.Ordinal)
            .Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000", StringComparison.Ordinal);

        using var response = await host.PostOfferAsync(secret, pcmuOnly);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Created, answer);
        Assert.Matches(@"m=audio [1-9]\d* UDP/TLS/RTP/SAVPF 0\r\n", answer);
        Assert.Contains("a=rtpmap:0 PCMU/8000", answer, StringComparison.Ordinal);
        Assert.True(await host.Calls.HangUpAsync(response.Headers.Location!.ToString().Split('/')[^1]));
    }
}
