using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Emulator.Audio;
using Realtime.Http;
using Realtime.WebRtc.Audio;

namespace Realtime.Emulator.Calls;

/// <summary>
/// The emulated model behind one call's <c>oai-events</c> channel (or a WebSocket session), with no transport in it:
/// client events (JSON text) in, server events (JSON objects) out. It handles the eleven GA client events as OpenAI
/// does, including what OpenAI refuses. Ids are counters, so a conversation is reproducible in tests. On a call with
/// an audio line it also hears the decoded audio and speaks its answers through one <see cref="AudioTurnEngine"/>, so
/// typed and spoken turns share one conversation and one id sequence.
/// Not thread-safe: the caller feeds it one message or frame at a time.
/// </summary>
internal sealed class RealtimeEventProcessor
{
    public static readonly string[] ClientEventTypes =
    [
        "session.update", "input_audio_buffer.append", "input_audio_buffer.commit", "input_audio_buffer.clear",
        "conversation.item.create", "conversation.item.retrieve", "conversation.item.truncate", "conversation.item.delete",
        "response.create", "response.cancel", "output_audio_buffer.clear",
    ];

    private readonly Conversation _conversation = new();
    private readonly EmulatedResponses _responses;
    // One id sequence for every event and item of the session; the audio turn engine can share it.
    private readonly ServerEventWriter _writer = new();
    private readonly AudioTurnEngine _engine;
    private readonly bool _audioLine;
    private long _bufferedAudioBytes;

    /// <param name="session">The session the secret (or the call's form) set up.</param>
    /// <param name="audioLine">Whether the call negotiated audio: then commits and spoken answers go through the engine.</param>
    public RealtimeEventProcessor(JsonObject session, bool audioLine = false)
    {
        Session = (JsonObject)session.DeepClone();
        Session["output_modalities"] ??= new JsonArray("audio");
        _responses = new EmulatedResponses(NextId);
        _engine = new AudioTurnEngine(AudioTurnSettings.FromSession(Session), _writer);
        _audioLine = audioLine;
    }

    /// <summary>The session as configured so far (what <c>session.updated</c> reports).</summary>
    public JsonObject Session { get; private set; }

    /// <summary>What the server says once the channel opens.</summary>
    public IReadOnlyList<JsonObject> Open() => [Event("session.created", new() { ["session"] = Session.DeepClone() })];

    /// <summary>One decoded frame of the caller's audio, starting at <paramref name="mediaTime"/> on the call's timeline.</summary>
    public IReadOnlyList<JsonObject> Hear(PcmFrame frame, TimeSpan mediaTime) => Track(_engine.Receive(frame, mediaTime));

    /// <summary>The answer audio due by <paramref name="now"/> on the answer clock, and the events that go with it.</summary>
    public TurnOutput Play(TimeSpan now)
    {
        var output = _engine.Play(now);
        Track(output.Events);
        return output;
    }

    public IReadOnlyList<JsonObject> Handle(string message)
    {
        JsonNode? parsed;
        try
        {
            // Strict, so a duplicate name or an unpaired surrogate is an error event, not an exception mid-handling.
            parsed = StrictJson.ParseNode(Encoding.UTF8.GetBytes(message));
        }
        catch (JsonException e)
        {
            return [Error(RealtimeEventError.InvalidJson(e.Message))];
        }
        if (parsed is not JsonObject clientEvent)
        {
            return [Error(RealtimeEventError.NotAnObject())];
        }
        var eventId = clientEvent["event_id"]?.GetValueKind() == JsonValueKind.String ? (string?)clientEvent["event_id"] : null;
        if (clientEvent["type"] is not { } typeNode || typeNode.GetValueKind() != JsonValueKind.String)
        {
            return [Error(RealtimeEventError.MissingType() with { EventId = eventId })];
        }
        var answer = Dispatch((string)typeNode!, clientEvent);
        return answer.Error is { } refused ? [Error(refused with { EventId = eventId })] : answer.Events!;
    }

    private (IReadOnlyList<JsonObject>? Events, RealtimeEventError? Error) Dispatch(string type, JsonObject clientEvent) => type switch
    {
        "session.update" => UpdateSession(clientEvent),
        "input_audio_buffer.append" => AppendAudio(clientEvent),
        "input_audio_buffer.commit" => CommitAudio(),
        "input_audio_buffer.clear" => ClearAudio(),
        "conversation.item.create" => CreateItem(clientEvent),
        "conversation.item.retrieve" => WithItem(clientEvent, "retrieve", item => Event("conversation.item.retrieved", new() { ["item"] = item.DeepClone() })),
        "conversation.item.truncate" => TruncateItem(clientEvent),
        "conversation.item.delete" => WithItem(clientEvent, "delete", item => DeleteItem((string)item["id"]!)),
        "response.create" => CreateResponse(clientEvent),
        "response.cancel" => _engine.CancelResponse() is { } cancelled ? (Track(cancelled), null) : (null, RealtimeEventError.NoActiveResponse()),
        "output_audio_buffer.clear" => ([Event("output_audio_buffer.cleared", new() { ["response_id"] = _responses.LastId })], null),
        _ => (null, RealtimeEventError.UnknownEventType(type, ClientEventTypes)),
    };

    private (IReadOnlyList<JsonObject>?, RealtimeEventError?) UpdateSession(JsonObject clientEvent)
    {
        if (SessionUpdateValidator.Validate(clientEvent["session"], (string?)Session["type"] ?? "realtime") is { } problem)
        {
            return (null, problem);
        }
        var updated = (JsonObject)Session.DeepClone();
        JsonMerge.Into(updated, (JsonObject)clientEvent["session"]!);
        Session = updated;
        _engine.Configure(AudioTurnSettings.FromSession(Session));
        return ([Event("session.updated", new() { ["session"] = Session.DeepClone() })], null);
    }

    private (IReadOnlyList<JsonObject>?, RealtimeEventError?) AppendAudio(JsonObject clientEvent)
    {
        if (clientEvent["audio"] is not JsonValue audio || audio.GetValueKind() != JsonValueKind.String)
        {
            return (null, RealtimeEventError.MissingParameter("audio"));
        }
        var text = (string)audio!;
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return (null, RealtimeEventError.InvalidBase64Audio());
        }
        // Only the amount is kept: the emulator does not listen to base64 audio, it only answers as if it had.
        _bufferedAudioBytes += length;
        return ([], null);
    }

    private (IReadOnlyList<JsonObject>?, RealtimeEventError?) CommitAudio()
    {
        if (_audioLine && _bufferedAudioBytes == 0)
        {
            return (Track(_engine.Commit()), null);
        }
        if (_bufferedAudioBytes == 0)
        {
            return (null, RealtimeEventError.CommitEmpty());
        }
        _bufferedAudioBytes = 0;
        var item = new JsonObject
        {
            ["id"] = NextId("item"),
            ["type"] = "message",
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "input_audio", ["transcript"] = null }),
        };
        var previous = _writer.LastItemId;
        var events = new List<JsonObject>
        {
            Event("input_audio_buffer.committed", new() { ["previous_item_id"] = previous, ["item_id"] = item["id"]!.DeepClone() }),
        };
        events.AddRange(AddItem(item));
        return (events, null);
    }

    private (IReadOnlyList<JsonObject>?, RealtimeEventError?) ClearAudio()
    {
        _bufferedAudioBytes = 0;
        return (_engine.Clear(), null);
    }

    private (IReadOnlyList<JsonObject>?, RealtimeEventError?) CreateItem(JsonObject clientEvent)
    {
        if (clientEvent["item"] is not JsonObject item)
        {
            return (null, RealtimeEventError.MissingParameter("item"));
        }
        if (item["id"] is { } id && (id.GetValueKind() != JsonValueKind.String || _conversation.Find((string)id!) is not null))
        {
            return (null, RealtimeEventError.DuplicateItemId(id.ToJsonString()));
        }
        return (AddItem((JsonObject)item.DeepClone()), null);
    }

    private List<JsonObject> AddItem(JsonObject item)
    {
        item["id"] ??= NextId("item");
        item["object"] = "realtime.item";
        item["status"] = "completed";
        var previous = _writer.Append((string)item["id"]!);
        _conversation.Add(item);
        return
        [
            Event("conversation.item.added", new() { ["previous_item_id"] = previous, ["item"] = item.DeepClone() }),
            Event("conversation.item.done", new() { ["previous_item_id"] = previous, ["item"] = item.DeepClone() }),
        ];
    }

    private (IReadOnlyList<JsonObject>?, RealtimeEventError?) WithItem(JsonObject clientEvent, string action, Func<JsonObject, JsonObject> answer)
    {
        if (clientEvent["item_id"] is not JsonValue idNode || idNode.GetValueKind() != JsonValueKind.String)
        {
            return (null, RealtimeEventError.MissingParameter("item_id"));
        }
        var item = _conversation.Find((string)idNode!);
        return item is null ? (null, RealtimeEventError.ItemNotFound(action, (string)idNode!)) : ([answer(item)], null);
    }

    private JsonObject DeleteItem(string itemId)
    {
        _conversation.Remove(itemId);
        _writer.LastItemId = _conversation.LastId;
        return Event("conversation.item.deleted", new() { ["item_id"] = itemId });
    }

    private (IReadOnlyList<JsonObject>?, RealtimeEventError?) TruncateItem(JsonObject clientEvent)
    {
        foreach (var required in new[] { "content_index", "audio_end_ms" })
        {
            if (clientEvent[required]?.GetValueKind() != JsonValueKind.Number)
            {
                return (null, RealtimeEventError.MissingParameter(required));
            }
        }
        return WithItem(clientEvent, "truncate", item => (string?)item["role"] == "assistant"
            ? Event("conversation.item.truncated", new()
            {
                ["item_id"] = item["id"]!.DeepClone(),
                ["content_index"] = clientEvent["content_index"]!.DeepClone(),
                ["audio_end_ms"] = clientEvent["audio_end_ms"]!.DeepClone(),
            })
            : Error(RealtimeEventError.OnlyAssistantAudioTruncates((string)item["id"]!)));
    }

    private (IReadOnlyList<JsonObject>?, RealtimeEventError?) CreateResponse(JsonObject clientEvent)
    {
        if ((string?)Session["type"] == "transcription")
        {
            return (null, RealtimeEventError.UnknownEventType("response.create", ["session.update", "input_audio_buffer.append", "input_audio_buffer.commit", "input_audio_buffer.clear"]));
        }
        if (_engine.Responding)
        {
            return (null, RealtimeEventError.ActiveResponse());
        }
        var requested = clientEvent["response"] as JsonObject;
        var modalities = (requested?["output_modalities"] ?? Session["output_modalities"]) as JsonArray;
        var outOfBand = requested?["conversation"] is JsonValue none && (string?)none == "none";
        if (_audioLine && !outOfBand && modalities?.Any(m => (string?)m == "audio") != false)
        {
            return (Track(_engine.StartResponse(TypedUserText())), null);
        }
        var context = outOfBand
            ? (requested!["input"] as JsonArray)?.OfType<JsonObject>().ToList() ?? []
            : _conversation.Items.ToList();
        var reply = _responses.Create(context, modalities, (string?)Session["id"], Event);
        if (!outOfBand)
        {
            _writer.Append((string)reply.Item["id"]!);
            _conversation.Add(reply.Item);
        }
        return (reply.Events, null);
    }

    /// <summary>What the user last typed, or null when their last turn was spoken (the engine answers its transcript).</summary>
    private string? TypedUserText()
    {
        var content = _conversation.Items.LastOrDefault(i => (string?)i["role"] == "user")?["content"]?.AsArray().FirstOrDefault();
        return content is null || (string?)content["type"] == "input_audio" ? null : (string?)content["text"] ?? "";
    }

    /// <summary>Keeps the conversation in step with the items the engine adds, transcribes and answers.</summary>
    private IReadOnlyList<JsonObject> Track(IReadOnlyList<JsonObject> events)
    {
        foreach (var serverEvent in events)
        {
            var type = (string?)serverEvent["type"];
            if (type is "conversation.item.added" or "conversation.item.done")
            {
                _conversation.Upsert((JsonObject)serverEvent["item"]!.DeepClone());
            }
            else if (type == "conversation.item.input_audio_transcription.completed"
                && _conversation.Find((string)serverEvent["item_id"]!) is { } heard && heard["content"] is JsonArray { Count: > 0 } content)
            {
                content[0]!["transcript"] = serverEvent["transcript"]!.DeepClone();
            }
        }
        return events;
    }

    private JsonObject Error(RealtimeEventError error) => Event("error", new() { ["error"] = error.ToJson() });

    private JsonObject Event(string type, JsonObject fields) => _writer.Event(type, fields);

    private string NextId(string prefix) => _writer.NextId(prefix);
}
