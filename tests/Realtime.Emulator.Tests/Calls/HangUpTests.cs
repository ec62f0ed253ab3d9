using System.Net;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Emulator.Tests.Calls;

/// <summary>
/// <c>POST /v1/realtime/calls/{id}/hangup</c> ends a call for the secret that opened it or a platform key only:
/// another call's secret is a 403 in OpenAI's shape and the call goes on answering; an unknown secret is a 401.
/// </summary>
public sealed class HangUpTests(CallsHost host) : IClassFixture<CallsHost>
{
    [Fact(Timeout = 60_000)]
    public async Task Another_calls_secret_cannot_end_a_call_and_it_goes_on()
    {
        await using var mine = await ConnectedCall.OpenAsync(host);
        var othersSecret = await host.MintSecretAsync();
        await using var theirs = await ConnectedCall.OpenAsync(host, othersSecret);

        using (var refused = await host.HangUpAsync(othersSecret, mine.Location))
        {
            var error = await OpenAIErrorAssert.IsErrorAsync(refused, HttpStatusCode.Forbidden, "call_not_owned", null);
            Assert.Contains("did not open call", error.GetProperty("message").GetString());
        }
        using (var unknown = await host.HangUpAsync("ek_notMintedByThisEmulator0123456789", mine.Location))
        {
            await OpenAIErrorAssert.IsErrorAsync(unknown, HttpStatusCode.Unauthorized, "invalid_api_key", null);
        }

        // The call goes on: its channel still answers, and it is still there to end.
        mine.Channel.Send("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Still here?"}]}}""");
        Assert.Equal("conversation.item.added", (string?)(await mine.Events.NextAsync())["type"]);

        using (var own = await host.HangUpAsync(mine.Secret, mine.Location))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }
        await mine.Ended.WaitAsync(EventReader.Limit);
        using (var platform = await host.HangUpAsync(ListedKeysHost.Key, theirs.Location))
        {
            Assert.Equal(HttpStatusCode.OK, platform.StatusCode);
        }
        await theirs.Ended.WaitAsync(EventReader.Limit);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_secret_that_opened_a_call_ends_it_even_after_expiring()
    {
        var secret = await host.MintSecretAsync(seconds: 10);
        await using var call = await ConnectedCall.OpenAsync(host, secret);
        host.Time.Advance(TimeSpan.FromSeconds(11));

        using var hungUp = await host.HangUpAsync(secret, call.Location);

        Assert.Equal(HttpStatusCode.OK, hungUp.StatusCode);
        await call.Ended.WaitAsync(EventReader.Limit);
    }

    /// <summary>A .NET peer connected to an emulated call, its <c>oai-events</c> channel open.</summary>
    private sealed class ConnectedCall : IAsyncDisposable
    {
        private readonly RtcPeerConnection _client;
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ConnectedCall(RtcPeerConnection client, string secret, string location)
        {
            _client = client;
            Secret = secret;
            Location = location;
            client.OnConnectionStateChange += state =>
            {
                if (state is RtcPeerConnectionState.Closed or RtcPeerConnectionState.Failed) _ended.TrySetResult();
            };
            Channel = client.CreateDataChannel("oai-events");
            Events = new EventReader(Channel);
        }

        public string Secret { get; }

        public string Location { get; }

        public WebRtc.DataChannels.DataChannel Channel { get; }

        public EventReader Events { get; }

        /// <summary>Completes when the emulator closed the connection.</summary>
        public Task Ended => _ended.Task;

        public static async Task<ConnectedCall> OpenAsync(CallsHost host, string? secret = null)
        {
            secret ??= await host.MintSecretAsync();
            var client = new RtcPeerConnection(new RtcConfiguration { OfferAudio = false });
            var offer = client.CreateOffer();
            client.SetLocalDescription(offer);
            using var response = await host.PostOfferAsync(secret, offer.Sdp);
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, answer);
            client.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
            var call = new ConnectedCall(client, secret, response.Headers.Location!.ToString());
            Assert.Equal("session.created", (string?)(await call.Events.NextAsync())["type"]);
            return call;
        }

        public ValueTask DisposeAsync() => _client.DisposeAsync();
    }
}
