using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Client.Api;
using Realtime.Client.Publishing;
using Realtime.Client.Transport;
using Realtime.Client.Viewing;
using Realtime.Client.Wire;
using Realtime.WebRtc.Audio;
using Realtime.WebRtc.DataChannels;
using Realtime.WebRtc.Media;
using Realtime.WebRtc.PeerConnection;

namespace Realtime.Client.Speaking;

/// <summary>
/// One speaker's call, end to end: mints a session through the api, opens the call with the managed
/// <see cref="RtcPeerConnection"/> (the api creating it server-side, or the minted secret), relays every OpenAI
/// event through a <see cref="CaptionPublisher"/> so viewers see the captions, and raises the session's folded
/// captions, state and errors as typed events. <see cref="StopAsync"/> hangs up, flushes the relay and ends the
/// session. Secrets and tokens are never logged.
/// </summary>
public sealed partial class RealtimeSpeaker : IAsyncDisposable
{
    private readonly RealtimeSpeakerOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly RealtimeApiClient _api;
    private readonly Func<CancellationToken, Task<string>> _token;
    private HubCaptionTransport? _hub;
    private CaptionPublisher? _publisher;
    private CaptionViewer? _viewer;
    private RtcPeerConnection? _peer;
    private DataChannel? _channel;

    public RealtimeSpeaker(RealtimeSpeakerOptions options, Func<CancellationToken, Task<string>>? token = null, ILogger<RealtimeSpeaker>? logger = null,
        HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = options.ApiBaseUrl ?? throw new ArgumentException("RealtimeSpeakerOptions.ApiBaseUrl is required.", nameof(options));
        _token = token ?? (options.Token is { Length: > 0 } fixedToken
            ? _ => Task.FromResult(fixedToken)
            : throw new ArgumentException("A user token is required: RealtimeSpeakerOptions.Token or a token factory.", nameof(token)));
        (_options, _logger, _ownsHttp) = (options, logger ?? NullLogger<RealtimeSpeaker>.Instance, http is null);
        _http = http ?? new HttpClient();
        _api = new RealtimeApiClient(api, _token, _http);
        Turns = new SpeakerTurns(TimeProvider.System);
        ServerEventReceived += Turns.OnServerEvent;
        CaptionReceived += Turns.OnCaption;
    }

    /// <summary>A caption of this session as viewers see it (partials and finals, folded by the api, in seq order).</summary>
    public event Action<Caption>? CaptionReceived;

    /// <summary>The session's state as the api tells it (<c>live</c>, <c>ended</c>…).</summary>
    public event Action<string>? SessionStateChanged;

    /// <summary>An OpenAI error event or a relay refusal; the call goes on.</summary>
    public event Action<SpeakerError>? ErrorRaised;

    /// <summary>Every OpenAI server event as received on the data channel (a driver thread: return fast).</summary>
    public event Action<JsonElement>? ServerEventReceived;

    public SpeakerState State { get; private set; } = SpeakerState.New;

    /// <summary>The session this speaker minted, once connecting got that far.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The managed peer connection of the call, once connected (its audio transceiver sends the speaker's audio).</summary>
    public RtcPeerConnection? PeerConnection => _peer;

    /// <summary>The call's turns: pending ones, and the final-caption latency of each spoken one.</summary>
    public SpeakerTurns Turns { get; }

    /// <summary>The relay's publisher, once connected: <see cref="CaptionPublisher.LastSeq"/> and pending batches.</summary>
    public CaptionPublisher? Publisher => _publisher;

    /// <summary>
    /// Mints, connects the hub, opens the call and waits for OpenAI's <c>session.created</c>; within
    /// <see cref="RealtimeSpeakerOptions.ConnectTimeout"/> (a <see cref="TimeoutException"/> after it).
    /// <paramref name="configurePeer"/> runs before the offer is made, after the audio transceiver was added.
    /// </summary>
    public async Task ConnectAsync(Action<RtcPeerConnection>? configurePeer = null, CancellationToken cancellationToken = default)
    {
        if (State != SpeakerState.New) throw new InvalidOperationException($"A speaker connects once; this one is {State}.");
        State = SpeakerState.Connecting;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ConnectTimeout);
        try
        {
            var minted = await _api.MintAsync(_options.MintRequest(), deadline.Token);
            SessionId = minted.SessionId;
            LogMinted(_logger, minted.SessionId, _options.Type);
            await StartRelayAsync(minted.SessionId, deadline.Token);
            await CallAsync(minted, configurePeer, deadline.Token);
            State = SpeakerState.Live;
            LogLive(_logger, minted.SessionId, _options.ServerSideCall ? "api" : "secret");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The speaker did not connect within {_options.ConnectTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>
    /// Sends <paramref name="source"/> on the call's audio at real-time pace, reporting the audio time sent; answers
    /// how many frames went out and how many late. OpenAI's turn detection hears it as the user speaking.
    /// </summary>
    public Task<AudioPlayback> SpeakAsync(IAudioSource source, IProgress<TimeSpan>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var audio = _peer?.AudioTransceiver ?? throw new InvalidOperationException("The speaker is not connected.");
        return AudioPump.PlayAsync(audio.Sender, source, progress, TimeProvider.System, cancellationToken);
    }

    /// <summary>Sends one client event (a JSON object, as OpenAI defines them) on the data channel.</summary>
    public void Send(JsonObject clientEvent)
    {
        ArgumentNullException.ThrowIfNull(clientEvent);
        var channel = _channel ?? throw new InvalidOperationException("The speaker is not connected.");
        channel.Send(clientEvent.ToJsonString());
    }

    /// <summary>A typed user turn and a request for the answer (bots, tests): the same conversation as spoken turns.</summary>
    public void SendText(string text)
    {
        Send(new JsonObject
        {
            ["type"] = "conversation.item.create",
            ["item"] = new JsonObject
            {
                ["type"] = "message", ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
            },
        });
        Send(new JsonObject { ["type"] = "response.create" });
    }

    /// <summary>A share link for viewers of this session.</summary>
    public Task<ViewerLink> ShareAsync(CancellationToken cancellationToken = default) =>
        _api.CreateViewerLinkAsync(SessionId ?? throw new InvalidOperationException("The speaker has no session yet."), cancellationToken);

    /// <summary>Hangs up, waits for the relay to be acknowledged (at most <see cref="RealtimeSpeakerOptions.FlushTimeout"/>) and ends the session.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (State is SpeakerState.Stopping or SpeakerState.Stopped) return;
        State = SpeakerState.Stopping;
        if (_peer is not null) await _peer.CloseAsync();
        await FlushRelayAsync(cancellationToken);
        if (SessionId is { } sessionId) await EndSessionAsync(sessionId, cancellationToken);
        await ReleaseAsync();
        State = SpeakerState.Stopped;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await ReleaseAsync();
            _api.Dispose();
            if (_ownsHttp) _http.Dispose();
        }
    }

    private async Task StartRelayAsync(string sessionId, CancellationToken cancellationToken)
    {
        _hub = new HubCaptionTransport(_api.BaseAddress, async () => await _token(CancellationToken.None));
        await _hub.StartAsync(cancellationToken);
        _publisher = new CaptionPublisher(_hub, sessionId);
        _publisher.BatchRefused += (_, refusal) => Raise(new SpeakerError("relay", refusal.Code, refusal.Message));
        _viewer = new CaptionViewer(_hub, sessionId);
        _viewer.CaptionApplied += caption => CaptionReceived?.Invoke(caption);
        _viewer.StateChanged += state => SessionStateChanged?.Invoke(state);
        await _viewer.StartAsync(cancellationToken);
    }

    private async Task CallAsync(MintedSession minted, Action<RtcPeerConnection>? configurePeer, CancellationToken cancellationToken)
    {
        _peer = new RtcPeerConnection(PeerAddresses.For(_api.BaseAddress));
        _peer.AddTransceiver(new RtcAudioTransceiverInit { Direction = Realtime.WebRtc.Sdp.SdpDirection.SendRecv });
        configurePeer?.Invoke(_peer);
        var offer = _peer.CreateOffer();
        _peer.SetLocalDescription(offer);
        var answer = await CallDialer.AnswerAsync(_api, _http, minted, offer.Sdp, _options.ServerSideCall, cancellationToken);
        _peer.SetRemoteDescription(new RtcSessionDescription(RtcSdpType.Answer, answer));
        var relay = new ServerEventRelay(_publisher!, e => ServerEventReceived?.Invoke(e), Raise);
        _channel = _peer.CreateDataChannel("oai-events");
        _channel.OnMessage += message =>
        {
            if (!message.IsBinary) relay.OnMessage(message.Text);
        };
        await relay.SessionCreated.WaitAsync(cancellationToken);
    }

    private async Task FlushRelayAsync(CancellationToken cancellationToken)
    {
        if (_publisher is null) return;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.FlushTimeout);
        try
        {
            await _publisher.FlushAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFlushTimedOut(_logger, SessionId, _publisher.PendingBatches);
        }
    }

    private async Task EndSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            await _api.EndSessionAsync(sessionId, cancellationToken);
            LogEnded(_logger, sessionId);
        }
        catch (Exception e) when (e is RealtimeApiException or HttpRequestException)
        {
            LogEndFailed(_logger, sessionId, e.Message);
        }
    }

    private async Task ReleaseAsync()
    {
        if (_viewer is not null) await _viewer.DisposeAsync();
        if (_publisher is not null) await _publisher.DisposeAsync();
        if (_hub is not null) await _hub.DisposeAsync();
        if (_peer is not null) await _peer.DisposeAsync();
        (_viewer, _publisher, _hub, _peer, _channel) = (null, null, null, null, null);
    }

    private void Raise(SpeakerError error)
    {
        LogError(_logger, SessionId, error.Source, error.Code);
        ErrorRaised?.Invoke(error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Minted session {SessionId} ({Type})")]
    private static partial void LogMinted(ILogger logger, string sessionId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} is live (call opened by the {Opener})")]
    private static partial void LogLive(ILogger logger, string sessionId, string opener);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ended")]
    private static partial void LogEnded(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} could not be ended: {Reason}")]
    private static partial void LogEndFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the relay was not acknowledged in time; {Pending} batch(es) left")]
    private static partial void LogFlushTimedOut(ILogger logger, string? sessionId, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: {Source} error {Code}")]
    private static partial void LogError(ILogger logger, string? sessionId, string source, string? code);
}
