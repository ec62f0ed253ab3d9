using System.Globalization;
using System.Text.Json.Nodes;
using Realtime.Emulator.Calls;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Audio;

/// <summary>
/// The emulated model's ears and voice for one call, with no I/O and no clock of its own: decoded input frames
/// go in with their media time and come back as the GA events OpenAI would send at that point of the audio;
/// the answer's frames and events come out of <see cref="Play"/> at the pace of the clock the caller passes.
/// Not thread-safe: a call drives it from one loop.
/// </summary>
internal sealed class AudioTurnEngine
{
    private static readonly TimeSpan ShortestCommit = TimeSpan.FromMilliseconds(100);

    private readonly ServerEventWriter _writer;
    private readonly ITranscriber _transcriber;
    private readonly UserTurnEvents _turnEvents;
    private readonly InputAudioBuffer _buffer = new();
    private VoiceActivityDetector? _detector;
    private string? _speechItemId;
    private UserTurn? _lastTurn;
    private SpokenResponse? _response;
    private int _turns;

    public AudioTurnEngine(AudioTurnSettings settings, ServerEventWriter writer, ITranscriber? transcriber = null)
    {
        _writer = writer;
        _transcriber = transcriber ?? new TurnLengthTranscriber();
        _turnEvents = new UserTurnEvents(writer);
        Settings = settings;
        Configure(settings);
    }

    public AudioTurnSettings Settings { get; private set; }

    /// <summary>Applies a <c>session.update</c>; changed detection parameters restart detection.</summary>
    public void Configure(AudioTurnSettings settings)
    {
        if (_detector is null || settings.TurnDetection != Settings.TurnDetection)
        {
            _detector = settings.TurnDetection is { } vad ? new VoiceActivityDetector(vad) : null;
            _speechItemId = null;
        }
        Settings = settings;
    }

    /// <summary>One decoded input frame that starts at <paramref name="mediaTime"/> on the call's audio timeline.</summary>
    public IReadOnlyList<JsonObject> Receive(PcmFrame frame, TimeSpan mediaTime)
    {
        _buffer.Append(frame, mediaTime);
        if (_detector is null || Settings.TurnDetection is not { } vad)
        {
            return [];
        }
        var events = new List<JsonObject>();
        foreach (var transition in _detector.Push(frame, mediaTime))
        {
            events.AddRange(transition.Started ? SpeechStarted(transition.At, vad) : SpeechStopped(transition.At, vad));
        }
        if (!_detector.Speaking)
        {
            _buffer.DropBefore(mediaTime + PcmFrame.Duration - vad.PrefixPadding);
        }
        return events;
    }

    /// <summary><c>input_audio_buffer.commit</c>: the buffered audio becomes a turn, or an error under 100 ms.</summary>
    public IReadOnlyList<JsonObject> Commit()
    {
        // Mid-speech, the turn is the speech so far with its padding; otherwise the whole buffer.
        var speechStart = _detector is { Speaking: true } ? _detector.SpeechStart : _buffer.Start;
        var from = _detector is { Speaking: true } && Settings.TurnDetection is { } vad ? AudioStart(speechStart, vad) : speechStart;
        var length = _buffer.End - from;
        if (_buffer.IsEmpty || length < ShortestCommit)
        {
            return [Error(CommitTooShort(length))];
        }
        _detector?.Reset();
        return CommitTurn(from, _buffer.End, _buffer.End - speechStart, TakeSpeechItemId(), respond: false);
    }

    /// <summary><c>input_audio_buffer.clear</c>: the buffered audio and any speech in progress are dropped.</summary>
    public IReadOnlyList<JsonObject> Clear()
    {
        _buffer.Clear();
        _detector?.Reset();
        _speechItemId = null;
        return [_writer.Event("input_audio_buffer.cleared", new())];
    }

    /// <summary>Whether an answer is in progress (created and not yet done or cancelled).</summary>
    public bool Responding => _response is not null;

    /// <summary>
    /// Answers a turn (a <c>response.create</c>): <paramref name="userText"/> when the user last typed, else the last
    /// committed audio turn. Nothing while an answer is playing.
    /// </summary>
    public IReadOnlyList<JsonObject> StartResponse(string? userText = null)
    {
        if (_response is not null || Settings.TranscriptionOnly)
        {
            return [];
        }
        var turn = userText is null ? _lastTurn ?? new UserTurn("", TimeSpan.Zero, "") : new UserTurn("", TimeSpan.Zero, userText);
        _response = new SpokenResponse(_writer, turn, DeterministicReply.For(turn.Transcript), Settings.SessionId);
        return _response.Begin();
    }

    /// <summary><c>response.cancel</c>: the answer in progress ends cancelled by the client; null when there is none.</summary>
    public IReadOnlyList<JsonObject>? CancelResponse()
    {
        if (_response is null)
        {
            return null;
        }
        var events = _response.Cancel("client_cancelled");
        _response = null;
        return events;
    }

    /// <summary>The answer audio due by <paramref name="now"/> and the events that go with it.</summary>
    public TurnOutput Play(TimeSpan now)
    {
        if (_response is null)
        {
            return TurnOutput.None;
        }
        var output = _response.Advance(now);
        if (_response.Finished)
        {
            _response = null;
        }
        return output;
    }

    private List<JsonObject> SpeechStarted(TimeSpan at, VadSettings vad)
    {
        _speechItemId = _writer.NextId("item");
        var events = new List<JsonObject>
        {
            _writer.Event("input_audio_buffer.speech_started", new()
            {
                ["audio_start_ms"] = Milliseconds(AudioStart(at, vad)),
                ["item_id"] = _speechItemId,
            }),
        };
        if (_response is not null && Settings.InterruptResponse)
        {
            events.AddRange(_response.Cancel("turn_detected"));
            _response = null;
        }
        return events;
    }

    private List<JsonObject> SpeechStopped(TimeSpan at, VadSettings vad)
    {
        var itemId = TakeSpeechItemId();
        var events = new List<JsonObject>
        {
            _writer.Event("input_audio_buffer.speech_stopped", new() { ["audio_end_ms"] = Milliseconds(at), ["item_id"] = itemId }),
        };
        var speechStart = _detector!.SpeechStart;
        events.AddRange(CommitTurn(AudioStart(speechStart, vad), at, at - speechStart, itemId, Settings.CreateResponse));
        return events;
    }

    private List<JsonObject> CommitTurn(TimeSpan from, TimeSpan to, TimeSpan speech, string itemId, bool respond)
    {
        var audio = _buffer.Take(from, to);
        var request = new TranscriptionRequest(++_turns, speech, audio, Settings.Transcription?.Language);
        _lastTurn = new UserTurn(itemId, to - from, _transcriber.Transcribe(request));
        var events = _turnEvents.Committed(_lastTurn, Settings.Transcription, addsItem: !Settings.TranscriptionOnly);
        if (respond)
        {
            events.AddRange(StartResponse());
        }
        return events;
    }

    private string TakeSpeechItemId()
    {
        var itemId = _speechItemId ?? _writer.NextId("item");
        _speechItemId = null;
        return itemId;
    }

    private static TimeSpan AudioStart(TimeSpan speechStart, VadSettings vad) =>
        speechStart > vad.PrefixPadding ? speechStart - vad.PrefixPadding : TimeSpan.Zero;

    private static long Milliseconds(TimeSpan time) => (long)Math.Round(time.TotalMilliseconds);

    private static RealtimeEventError CommitTooShort(TimeSpan length) => new(
        "input_audio_buffer_commit_empty",
        string.Create(CultureInfo.InvariantCulture,
            $"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has {Math.Max(0, length.TotalMilliseconds):0.00}ms of audio."),
        null);

    private JsonObject Error(RealtimeEventError error) => _writer.Event("error", new() { ["error"] = error.ToJson() });
}
