using System.Text.Json.Nodes;

namespace Realtime.Api.Tests.Infrastructure;

/// <summary>OpenAI data-channel events as a speaker's client receives them (GA names, and beta where asked).</summary>
public static class OpenAIEvents
{
    private static int _counter;

    private static string NextId() => $"event_{Interlocked.Increment(ref _counter):D8}";

    public static JsonObject UserDelta(string itemId, string delta) =>
        Event("conversation.item.input_audio_transcription.delta", itemId, ("delta", delta));

    public static JsonObject UserCompleted(string itemId, string transcript) =>
        Event("conversation.item.input_audio_transcription.completed", itemId, ("transcript", transcript));

    public static JsonObject AssistantDelta(string itemId, string delta, bool beta = false) =>
        Event(beta ? "response.audio_transcript.delta" : "response.output_audio_transcript.delta", itemId, ("delta", delta));

    public static JsonObject AssistantDone(string itemId, string transcript, bool beta = false) =>
        Event(beta ? "response.audio_transcript.done" : "response.output_audio_transcript.done", itemId, ("transcript", transcript));

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
        var e = Event("conversation.item.input_audio_transcription.segment", itemId, ("text", text));
        e["id"] = segmentId;
        e["speaker"] = speaker;
        e["start"] = start;
        e["end"] = end;
        return e;
    }

    /// <summary>input_audio_buffer.committed; a null <paramref name="previousItemId"/> opens the conversation.</summary>
    public static JsonObject Committed(string itemId, string? previousItemId) => new()
    {
        ["type"] = "input_audio_buffer.committed", ["event_id"] = NextId(), ["item_id"] = itemId, ["previous_item_id"] = previousItemId,
    };

    private static JsonObject Event(string type, string itemId, (string Name, string Value) field) => new()
    {
        ["type"] = type,
        ["event_id"] = NextId(),
        ["item_id"] = itemId,
        ["content_index"] = 0,
        ["response_id"] = "resp_test",
        ["output_index"] = 0,
        [field.Name] = field.Value,
    };
}
