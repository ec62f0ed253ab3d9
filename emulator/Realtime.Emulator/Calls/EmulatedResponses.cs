using System.Text.Json.Nodes;

namespace Realtime.Emulator.Calls;

/// <summary>
/// Builds one response's server events in OpenAI's order: <c>response.created</c>, <c>rate_limits.updated</c>, the
/// output item and content part (part types <c>text</c>/<c>audio</c> as the spec names them), the streamed deltas,
/// and <c>response.done</c> with <c>status</c>, <c>status_details</c> and a full <c>usage</c>.
/// </summary>
internal sealed class EmulatedResponses(Func<string, string> nextId)
{
    private int _count;
    private int _tokensUsed;

    /// <summary>The last response's id, or null before the first: what <c>output_audio_buffer.cleared</c> names.</summary>
    public string? LastId { get; private set; }

    public (List<JsonObject> Events, JsonObject Item) Create(
        IReadOnlyList<JsonObject> context, JsonArray? modalities, string? conversationId, Func<string, JsonObject, JsonObject> newEvent)
    {
        var text = modalities?.Any(m => (string?)m == "text") == true && modalities.All(m => (string?)m != "audio");
        var responseId = nextId("resp");
        var itemId = nextId("item");
        LastId = responseId;
        var userText = LastUserText(context);
        var reply = DeterministicReply.For(userText);
        var kind = text ? "output_text" : "output_audio_transcript";
        var doneField = text ? "text" : "transcript";
        JsonObject Ids() => new() { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0 };

        var usage = ResponseUsage.For(string.Concat(context.Select(i => i.ToJsonString())), reply, ++_count);
        _tokensUsed += (int)usage["total_tokens"]!;
        var events = new List<JsonObject>
        {
            newEvent("response.created", new() { ["response"] = Response(responseId, "in_progress", [], modalities, conversationId, null) }),
            newEvent("rate_limits.updated", new() { ["rate_limits"] = RateLimits.After(_count, _tokensUsed) }),
            newEvent("response.output_item.added", new() { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = Item(itemId, "in_progress", []) }),
            newEvent("conversation.item.added", new() { ["previous_item_id"] = LastItemId(context), ["item"] = Item(itemId, "in_progress", []) }),
            newEvent("response.content_part.added", With(Ids(), "part", Part(text, ""))),
        };
        foreach (var chunk in DeterministicReply.Chunks(reply))
        {
            events.Add(newEvent($"response.{kind}.delta", With(Ids(), "delta", chunk)));
        }
        events.Add(newEvent($"response.{kind}.done", With(Ids(), doneField, reply)));
        if (!text)
        {
            events.Add(newEvent("response.output_audio.done", Ids()));
        }
        events.Add(newEvent("response.content_part.done", With(Ids(), "part", Part(text, reply))));
        var item = Item(itemId, "completed", [ItemContent(text, reply)]);
        events.Add(newEvent("conversation.item.done", new() { ["previous_item_id"] = LastItemId(context), ["item"] = item.DeepClone() }));
        events.Add(newEvent("response.output_item.done", new() { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = item.DeepClone() }));
        events.Add(newEvent("response.done", new() { ["response"] = Response(responseId, "completed", [item.DeepClone()], modalities, conversationId, usage) }));
        return (events, item);
    }

    private static string? LastItemId(IReadOnlyList<JsonObject> context) => context.Count > 0 ? (string?)context[^1]["id"] : null;

    private static string LastUserText(IReadOnlyList<JsonObject> context) => context
        .LastOrDefault(i => (string?)i["role"] == "user")?["content"]?.AsArray()
        .Select(c => (string?)c?["text"] ?? (string?)c?["transcript"])
        .FirstOrDefault(t => t is not null) ?? "";

    private static JsonObject With(JsonObject target, string name, JsonNode? value)
    {
        target[name] = value;
        return target;
    }

    /// <summary>A content part event's part: the spec names its types <c>text</c> and <c>audio</c>.</summary>
    private static JsonObject Part(bool text, string reply) => text
        ? new JsonObject { ["type"] = "text", ["text"] = reply }
        : new JsonObject { ["type"] = "audio", ["transcript"] = reply };

    /// <summary>A conversation item's content: there GA names the types <c>output_text</c> and <c>output_audio</c>.</summary>
    private static JsonObject ItemContent(bool text, string reply) => text
        ? new JsonObject { ["type"] = "output_text", ["text"] = reply }
        : new JsonObject { ["type"] = "output_audio", ["transcript"] = reply };

    private static JsonObject Item(string id, string status, JsonArray content) => new()
    {
        ["id"] = id,
        ["object"] = "realtime.item",
        ["type"] = "message",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = content,
    };

    private static JsonObject Response(string id, string status, JsonArray output, JsonArray? modalities, string? conversationId, JsonObject? usage) => new()
    {
        ["id"] = id,
        ["object"] = "realtime.response",
        ["status"] = status,
        ["status_details"] = null,
        ["output"] = output,
        ["output_modalities"] = modalities?.DeepClone() ?? new JsonArray("audio"),
        ["conversation_id"] = conversationId,
        ["usage"] = usage,
    };
}
