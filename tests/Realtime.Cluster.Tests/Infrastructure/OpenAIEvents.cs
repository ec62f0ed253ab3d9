using System.Text.Json;

namespace Realtime.Cluster.Tests.Infrastructure;

/// <summary>Data-channel events as a speaker's client receives them from OpenAI: one user utterance, delta then completed.</summary>
public static class OpenAIEvents
{
    public static JsonElement UserDelta(string itemId, string delta) =>
        Event("conversation.item.input_audio_transcription.delta", itemId, "delta", delta);

    public static JsonElement UserCompleted(string itemId, string transcript) =>
        Event("conversation.item.input_audio_transcription.completed", itemId, "transcript", transcript);

    private static JsonElement Event(string type, string itemId, string field, string value) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["type"] = type,
            ["event_id"] = "event_" + Guid.NewGuid().ToString("N"),
            ["item_id"] = itemId,
            ["content_index"] = 0,
            [field] = value,
        });
}
