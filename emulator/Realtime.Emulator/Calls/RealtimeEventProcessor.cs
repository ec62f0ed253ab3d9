using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Realtime.Emulator.Http;
using Realtime.Http;

namespace Realtime.Emulator.Calls;

/// <summary>
/// The emulated model behind one call's <c>oai-events</c> channel, with no WebRTC in it: client events (JSON text)
/// in, server events (JSON objects) out. Ids are counters, so a conversation is reproducible in tests.
/// Not thread-safe: the call feeds it one message at a time.
/// </summary>
internal sealed class RealtimeEventProcessor
{
    private static readonly string[] ClientEventTypes =
    [
        "session.update", "conversation.item.create", "response.create", "response.cancel",
        "input_audio_buffer.append", "input_audio_buffer.commit", "input_audio_buffer.clear",
    ];

    private readonly List<JsonObject> _conversation = [];
    private int _nextId;

    public RealtimeEventProcessor(JsonObject session)
    {
        Session = (JsonObject)session.DeepClone();
        Session["output_modalities"] ??= new JsonArray("audio");
    }

    /// <summary>The session as configured so far (what <c>session.updated</c> reports).</summary>
    public JsonObject Session { get; private set; }

    /// <summary>What the server says once the channel opens.</summary>
    public IReadOnlyList<JsonObject> Open() => [Event("session.created", new() { ["session"] = Session.DeepClone() })];

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
        var type = (string)typeNode!;
        IReadOnlyList<JsonObject>? answer = type switch
        {
            "session.update" => UpdateSession(clientEvent, eventId),
            "conversation.item.create" => CreateItem(clientEvent, eventId),
            "response.create" => CreateResponse(clientEvent),
            _ when ClientEventTypes.Contains(type) => [], // audio is the next issue; accepted and ignored
            _ => null,
        };
        return answer ?? [Error(RealtimeEventError.UnknownEventType(type, ClientEventTypes) with { EventId = eventId })];
    }

    private IReadOnlyList<JsonObject> UpdateSession(JsonObject clientEvent, string? eventId)
    {
        var currentType = (string?)Session["type"] ?? "realtime";
        if (SessionUpdateValidator.Validate(clientEvent["session"], currentType) is { } problem)
        {
            return [Error(problem with { EventId = eventId })];
        }
        var updated = (JsonObject)Session.DeepClone();
        Merge(updated, (JsonObject)clientEvent["session"]!);
        Session = updated;
        return [Event("session.updated", new() { ["session"] = Session.DeepClone() })];
    }

    /// <summary>Objects merge field by field (an update of <c>audio.output.voice</c> keeps <c>audio.input</c>); anything else replaces.</summary>
    private static void Merge(JsonObject target, JsonObject update)
    {
        foreach (var (name, value) in update)
        {
            if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    private IReadOnlyList<JsonObject> CreateItem(JsonObject clientEvent, string? eventId)
    {
        if (clientEvent["item"] is not JsonObject item)
        {
            return [Error(RealtimeEventError.MissingParameter("item") with { EventId = eventId })];
        }
        var stored = (JsonObject)item.DeepClone();
        stored["id"] ??= NextId("item");
        stored["object"] = "realtime.item";
        stored["status"] = "completed";
        var previous = _conversation.Count > 0 ? (string?)_conversation[^1]["id"] : null;
        _conversation.Add(stored);
        return
        [
            Event("conversation.item.added", new() { ["previous_item_id"] = previous, ["item"] = stored.DeepClone() }),
            Event("conversation.item.done", new() { ["previous_item_id"] = previous, ["item"] = stored.DeepClone() }),
        ];
    }

    private List<JsonObject> CreateResponse(JsonObject clientEvent)
    {
        var modalities = (clientEvent["response"]?["output_modalities"] ?? Session["output_modalities"]) as JsonArray;
        var text = modalities?.Any(m => (string?)m == "text") == true && modalities.All(m => (string?)m != "audio");
        var responseId = NextId("resp");
        var itemId = NextId("item");
        var reply = DeterministicReply.For(LastUserText());
        var kind = text ? "output_text" : "output_audio_transcript";
        var doneField = text ? "text" : "transcript";
        var partType = text ? "output_text" : "output_audio";
        var ids = () => new JsonObject { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0 };
        var events = new List<JsonObject>
        {
            Event("response.created", new() { ["response"] = Response(responseId, "in_progress", new JsonArray(), modalities) }),
            Event("response.output_item.added", new() { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = Item(itemId, "in_progress", new JsonArray()) }),
            Event("response.content_part.added", With(ids(), "part", Part(partType, ""))),
        };
        foreach (var chunk in DeterministicReply.Chunks(reply))
        {
            events.Add(Event($"response.{kind}.delta", With(ids(), "delta", chunk)));
        }
        events.Add(Event($"response.{kind}.done", With(ids(), doneField, reply)));
        events.Add(Event("response.content_part.done", With(ids(), "part", Part(partType, reply))));
        var item = Item(itemId, "completed", new JsonArray(Part(partType, reply)));
        _conversation.Add((JsonObject)item.DeepClone());
        events.Add(Event("response.output_item.done", new() { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = item.DeepClone() }));
        events.Add(Event("response.done", new() { ["response"] = Response(responseId, "completed", new JsonArray(item), modalities) }));
        return events;
    }

    private string LastUserText() => _conversation
        .LastOrDefault(i => (string?)i["role"] == "user")?["content"]?.AsArray()
        .Select(c => (string?)c?["text"] ?? (string?)c?["transcript"])
        .FirstOrDefault(t => t is not null) ?? "";

    private static JsonObject With(JsonObject target, string name, JsonNode? value)
    {
        target[name] = value;
        return target;
    }

    private static JsonObject Part(string type, string text) => type == "output_text"
        ? new JsonObject { ["type"] = "output_text", ["text"] = text }
        : new JsonObject { ["type"] = "output_audio", ["transcript"] = text };

    private static JsonObject Item(string id, string status, JsonArray content) => new()
    {
        ["id"] = id,
        ["object"] = "realtime.item",
        ["type"] = "message",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = content,
    };

    private JsonObject Response(string id, string status, JsonArray output, JsonArray? modalities) => new()
    {
        ["id"] = id,
        ["object"] = "realtime.response",
        ["status"] = status,
        ["output"] = output,
        ["output_modalities"] = modalities?.DeepClone() ?? new JsonArray("audio"),
        ["conversation_id"] = Session["id"]?.DeepClone(),
        ["usage"] = status == "completed" ? new JsonObject { ["total_tokens"] = 0, ["input_tokens"] = 0, ["output_tokens"] = 0 } : null,
    };

    private JsonObject Error(RealtimeEventError error) => Event("error", new() { ["error"] = error.ToJson() });

    private JsonObject Event(string type, JsonObject fields)
    {
        var result = new JsonObject { ["event_id"] = NextId("event"), ["type"] = type };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            result[name] = value;
        }
        return result;
    }

    private string NextId(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}_{++_nextId:D6}");
}
