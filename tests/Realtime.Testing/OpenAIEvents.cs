using System.Text.Json;
using System.Text.Json.Nodes;

namespace Realtime.Testing;

/// <summary>
/// OpenAI data-channel events as a speaker's client receives them (GA names, and beta where asked). Each gets a
/// fresh <c>event_id</c> unless the test names one, since the hub tells resent batches apart by it.
/// </summary>
public static class OpenAIEvents
{
    private static int _counter;

    public static JsonObject UserDelta(string itemId, string delta, string? eventId = null) =>
        Transcription("conversation.item.input_audio_transcription.delta", itemId, "delta", delta, eventId);

    public static JsonObject UserCompleted(string itemId, string transcript, string? eventId = null) =>
        Transcription("conversation.item.input_audio_transcription.completed", itemId, "transcript", transcript, eventId);

    public static JsonObject AssistantDelta(string itemId, string delta, bool beta = false) =>
        Response(beta ? "response.audio_transcript.delta" : "response.output_audio_transcript.delta", itemId, "delta", delta);

    public static JsonObject AssistantDone(string itemId, string transcript, bool beta = false) =>
        Response(beta ? "response.audio_transcript.done" : "response.output_audio_transcript.done", itemId, "transcript", transcript);

    public static JsonObject SpeechStarted(string itemId, long audioStartMs) => new()
    {
        ["type"] = "input_audio_buffer.speech_started", ["event_id"] = NextId(), ["item_id"] = itemId, ["audio_start_ms"] = audioStartMs,
    };

    public static JsonObject SpeechStopped(string itemId, long audioEndMs) => new()
    {
        ["type"] = "input_audio_buffer.speech_stopped", ["event_id"] = NextId(), ["item_id"] = itemId, ["audio_end_ms"] = audioEndMs,
    };

    /// <summary>A diarized piece of a user item's transcript (times in seconds, as OpenAI sends them).</summary>
    public static JsonObject Diarized(string itemId, string segmentId, string speaker, string text, double start, double end)
    {
        var diarized = Transcription("conversation.item.input_audio_transcription.segment", itemId, "text", text, null);
        diarized["id"] = segmentId;
        diarized["speaker"] = speaker;
        diarized["start"] = start;
        diarized["end"] = end;
        return diarized;
    }

    /// <summary>input_audio_buffer.committed; a null <paramref name="previousItemId"/> opens the conversation.</summary>
    public static JsonObject Committed(string itemId, string? previousItemId) => new()
    {
        ["type"] = "input_audio_buffer.committed", ["event_id"] = NextId(), ["item_id"] = itemId, ["previous_item_id"] = previousItemId,
    };

    /// <summary>The event as the .NET client's publisher takes it.</summary>
    public static JsonElement AsElement(this JsonObject openAIEvent) => JsonSerializer.SerializeToElement(openAIEvent);

    private static string NextId() => $"event_{Interlocked.Increment(ref _counter):D8}";

    private static JsonObject Transcription(string type, string itemId, string field, string value, string? eventId) => new()
    {
        ["type"] = type,
        ["event_id"] = eventId ?? NextId(),
        ["item_id"] = itemId,
        ["content_index"] = 0,
        [field] = value,
    };

    private static JsonObject Response(string type, string itemId, string field, string value)
    {
        var openAIEvent = Transcription(type, itemId, field, value, null);
        openAIEvent["response_id"] = "resp_test";
        openAIEvent["output_index"] = 0;
        return openAIEvent;
    }
}
