using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Emulator.Calls;

/// <summary>
/// One emulated call: a real peer connection answering like OpenAI (ICE-lite, <c>a=setup:active</c>) and the
/// <see cref="RealtimeEventProcessor"/> behind its <c>oai-events</c> channel. This class only wires the two.
/// </summary>
internal sealed class RealtimeCall : IAsyncDisposable
{
    public const string EventsChannelLabel = "oai-events";

    private readonly RtcPeerConnection _peer;
    private readonly RealtimeEventProcessor _processor;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly byte[] _openedWith;
    private DataChannel? _channel;

    private RealtimeCall(string id, RtcPeerConnection peer, JsonObject session, string secret)
    {
        Id = id;
        _openedWith = Encoding.UTF8.GetBytes(secret);
        _peer = peer;
        _processor = new RealtimeEventProcessor(session);
        peer.OnDataChannel += Attach;
        peer.OnConnectionStateChange += state =>
        {
            if (state is RtcPeerConnectionState.Closed or RtcPeerConnectionState.Failed) _ended.TrySetResult();
        };
    }

    public string Id { get; }

    /// <summary>The call's session as configured so far (a copy, taken between two client events).</summary>
    public JsonObject Session
    {
        get
        {
            lock (_gate) return (JsonObject)_processor.Session.DeepClone();
        }
    }

    /// <summary>The SDP answer for the offer this call was created from.</summary>
    public required string Answer { get; init; }

    /// <summary>Completes when the peer closed the connection, or ICE or DTLS failed (the browser went away).</summary>
    public Task Ended => _ended.Task;

    /// <summary>
    /// Answers <paramref name="offerSdp"/> for the bearer of <paramref name="secret"/>, the <c>ek_</c> that may end the
    /// call. Throws <see cref="Realtime.WebRtc.Sdp.SdpParseException"/> when the offer is unusable.
    /// </summary>
    public static RealtimeCall Create(string id, string offerSdp, JsonObject session, string secret)
    {
        var peer = new RtcPeerConnection(new RtcConfiguration { IceLite = true, AnswerSetup = WebRtc.Sdp.SdpSetup.Active });
        try
        {
            peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Offer, offerSdp));
            var answer = peer.CreateAnswer();
            var call = new RealtimeCall(id, peer, session, secret) { Answer = answer.Sdp };
            peer.SetLocalDescription(answer);
            return call;
        }
        catch
        {
            _ = peer.CloseAsync().AsTask();
            throw;
        }
    }

    /// <summary>Whether <paramref name="secret"/> opened this call (compared in fixed time; expiry does not matter).</summary>
    public bool WasOpenedWith(string secret) =>
        CryptographicOperations.FixedTimeEquals(_openedWith, Encoding.UTF8.GetBytes(secret));

    public ValueTask DisposeAsync()
    {
        _ended.TrySetResult();
        return _peer.CloseAsync();
    }

    /// <summary>
    /// Raised with every server event of the call, as sent on <c>oai-events</c>: what a sideband socket relays. Raised
    /// under the call's lock, so handlers see the events in order and must only queue them.
    /// </summary>
    public event Action<string>? ServerEvent;

    /// <summary>A client event from a sideband socket, handled as if the peer had sent it; its answers go to everyone.</summary>
    public void Inject(string clientEvent) => Send(() => _processor.Handle(clientEvent));

    private void Attach(DataChannel channel)
    {
        if (channel.Label != EventsChannelLabel) return;
        lock (_gate) _channel = channel;
        channel.OnMessage += message =>
        {
            if (message.IsBinary) return;
            Send(() => _processor.Handle(message.Text));
        };
        Send(_processor.Open);
    }

    private void Send(Func<IReadOnlyList<JsonObject>> work)
    {
        // Messages may arrive on different driver threads; the processor sees them one at a time, in order.
        lock (_gate)
        {
            foreach (var serverEvent in work())
            {
                var text = serverEvent.ToJsonString();
                if (_channel?.State == DataChannelState.Open) _channel.Send(text);
                ServerEvent?.Invoke(text);
            }
        }
    }
}
