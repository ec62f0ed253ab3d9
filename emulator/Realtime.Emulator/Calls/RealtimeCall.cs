using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Realtime.Emulator.Audio;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Jitter;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Emulator.Calls;

/// <summary>
/// One emulated call: a real peer connection answering like OpenAI (ICE-lite, <c>a=setup:active</c>), the
/// <see cref="RealtimeEventProcessor"/> behind its <c>oai-events</c> channel and, when the offer has audio, the
/// <see cref="AudioPump"/> between its audio track and the processor. This class only wires them.
/// </summary>
internal sealed class RealtimeCall : IAsyncDisposable
{
    public const string EventsChannelLabel = "oai-events";

    private readonly RtcPeerConnection _peer;
    private readonly RealtimeEventProcessor _processor;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly byte[] _openedWith;
    private readonly AudioPump? _audio;
    private DataChannel? _channel;

    /// <summary>
    /// The emulator listens rather than converses: it takes up to a second of extra delay over losing or misplacing
    /// audio a busy machine delivered in a burst, since its events must sit where the caller's audio has them.
    /// </summary>
    private static readonly JitterBufferOptions ListeningBuffer = new()
    {
        TargetDelay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(1),
    };

    private RealtimeCall(string id, RtcPeerConnection peer, RtcAudioTransceiver? audio, JsonObject session, string secret, TimeProvider time)
    {
        Id = id;
        _openedWith = Encoding.UTF8.GetBytes(secret);
        _peer = peer;
        _processor = new RealtimeEventProcessor(session, audioLine: audio is not null);
        if (audio is not null)
        {
            _audio = Listen(audio, time);
        }
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
        // Media runs on real time whatever clock the host keeps for secrets and call caps (a test may fake that one).
        var time = TimeProvider.System;
        var peer = new RtcPeerConnection(new RtcConfiguration { IceLite = true, AnswerSetup = WebRtc.Sdp.SdpSetup.Active }, time);
        try
        {
            // Added before the offer is applied so it carries the listening buffer; it is the call's audio only when
            // the offer has audio (OnTrack).
            peer.AddTransceiver(new RtcAudioTransceiverInit { JitterBuffer = ListeningBuffer });
            RtcAudioTransceiver? offered = null;
            peer.OnTrack += track => offered = track;
            peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Offer, offerSdp));
            var answer = peer.CreateAnswer();
            // Listening starts before the answer is applied, which starts the transport.
            var call = new RealtimeCall(id, peer, offered, session, secret, time) { Answer = answer.Sdp };
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
        _audio?.Dispose();
        return _peer.CloseAsync();
    }

    /// <summary>Answer frames sent so far and how many of them went out late (the answer clock fell behind).</summary>
    public (long Played, long Late) AnswerFrames => _audio is null ? (0, 0) : (_audio.FramesPlayed, _audio.LateFrames);

    /// <summary>
    /// Raised with every server event of the call, as sent on <c>oai-events</c>: what a sideband socket relays. Raised
    /// under the call's lock, so handlers see the events in order and must only queue them.
    /// </summary>
    public event Action<string>? ServerEvent;

    /// <summary>A client event from a sideband socket, handled as if the peer had sent it; its answers go to everyone.</summary>
    public void Inject(string clientEvent) => Send(() => _processor.Handle(clientEvent));

    private AudioPump Listen(RtcAudioTransceiver audio, TimeProvider time)
    {
        var pump = new AudioPump(_processor, Send, new SenderAudioSink(audio.Sender), time);
        audio.Receiver.FrameReceived += frame =>
        {
            // Silence is what the jitter buffer plays while nothing arrives (the sender paused or stalled): no audio was
            // sent for it, so it is not on the caller's timeline, and a stall must neither end a turn nor shift the next.
            if (frame.Kind != PlayoutKind.Silence) pump.Hear(frame.Frame);
        };
        pump.Start();
        return pump;
    }

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
