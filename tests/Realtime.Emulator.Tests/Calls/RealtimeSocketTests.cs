using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>
/// The WebSocket transport with the platform key: <c>GET /v1/realtime?model=…</c> (a session of its own) and the
/// sideband <c>GET /v1/realtime?call_id=rtc_…</c>, which sees every server event of a live WebRTC call and may
/// send client events into it.
/// </summary>
public sealed class RealtimeSocketTests(CallsHost host) : IClassFixture<CallsHost>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 60_000)]
    public async Task A_model_socket_is_a_session_of_its_own()
    {
        using var socket = await ConnectAsync("model=gpt-realtime");

        var created = await NextAsync(socket);
        Assert.Equal("session.created", (string?)created["type"]);
        Assert.Equal("gpt-realtime", (string?)created["session"]!["model"]);
        await SendAsync(socket, """{"type":"session.update","session":{"instructions":"x"}}""");
        Assert.Equal("missing_required_parameter", (string?)(await NextAsync(socket))["error"]!["code"]);
        await SendAsync(socket, """{"type":"response.create","response":{"output_modalities":["text"]}}""");
        JsonObject next;
        do next = await NextAsync(socket); while ((string?)next["type"] != "response.done");
        Assert.Equal("completed", (string?)next["response"]!["status"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_sideband_sees_the_calls_events_and_its_client_events_reach_the_peer()
    {
        var secret = await host.MintSecretAsync();
        await using var peer = new RtcPeerConnection();
        var offer = peer.CreateOffer();
        peer.SetLocalDescription(offer);
        using var response = await host.PostOfferAsync(secret, offer.Sdp);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, await response.Content.ReadAsStringAsync()));
        var channel = peer.CreateDataChannel("oai-events");
        var events = new EventReader(channel);
        Assert.Equal("session.created", (string?)(await events.NextAsync())["type"]);
        var callId = response.Headers.Location!.ToString().Split('/')[^1];

        using var sideband = await ConnectAsync("call_id=" + callId);
        channel.Send("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Seen?"}]}}""");
        var added = await NextAsync(sideband);
        Assert.Equal("conversation.item.added", (string?)added["type"]);
        Assert.Equal("Seen?", (string?)added["item"]!["content"]![0]!["text"]);

        await SendAsync(sideband, """{"type":"session.update","session":{"type":"realtime","instructions":"From the sideband."}}""");
        JsonObject atPeer;
        do atPeer = await events.NextAsync(); while ((string?)atPeer["type"] != "session.updated");
        Assert.Equal("From the sideband.", (string?)atPeer["session"]!["instructions"]);
        Assert.Equal("session.updated", (string?)(await NextAsync(sideband, skip: "conversation.item.done"))["type"]);

        Assert.True(await host.Calls.HangUpAsync(callId));
        var closed = await ReceiveCloseAsync(sideband);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, closed);
    }

    [Theory]
    [InlineData(null, "model=gpt-realtime", HttpStatusCode.Unauthorized, null)]
    [InlineData(ListedKeysHost.Key, "", HttpStatusCode.BadRequest, "missing_required_parameter")]
    [InlineData(ListedKeysHost.Key, "call_id=rtc_nothing", HttpStatusCode.NotFound, "call_not_found")]
    [InlineData(ListedKeysHost.Key, "model=gpt-realtime&call_id=rtc_x", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData(ListedKeysHost.Key, "model=gpt-realtime", HttpStatusCode.BadRequest, "websocket_required")]
    public async Task What_OpenAI_refuses_is_an_OpenAI_error_before_any_upgrade(string? key, string query, HttpStatusCode status, string? code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/realtime?" + query);
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        using var response = await host.Client.SendAsync(request);
        await OpenAIErrorAssert.IsErrorAsync(response, status, code, response.StatusCode == HttpStatusCode.BadRequest && code == "invalid_request" ? "call_id" : ParamFor(code));
    }

    private static string? ParamFor(string? code) => code switch
    {
        "missing_required_parameter" => "model",
        "call_not_found" => "call_id",
        _ => null,
    };

    private async Task<ClientWebSocket> ConnectAsync(string query)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + ListedKeysHost.Key);
        var uri = new UriBuilder(host.Client.BaseAddress!) { Scheme = "ws", Path = "/v1/realtime", Query = query }.Uri;
        using var timeout = new CancellationTokenSource(Limit);
        await socket.ConnectAsync(uri, timeout.Token);
        return socket;
    }

    private static Task SendAsync(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonObject> NextAsync(WebSocket socket, string? skip = null)
    {
        while (true)
        {
            using var timeout = new CancellationTokenSource(Limit);
            var buffer = new byte[256 * 1024];
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            Assert.True(result.EndOfMessage);
            var message = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!.AsObject();
            if (skip is null || (string?)message["type"] != skip) return message;
        }
    }

    private static async Task<WebSocketCloseStatus?> ReceiveCloseAsync(WebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        using var timeout = new CancellationTokenSource(Limit);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return result.CloseStatus;
        }
    }
}
