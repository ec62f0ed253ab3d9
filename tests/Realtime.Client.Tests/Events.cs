using System.Text.Json;

namespace Realtime.Client.Tests;

/// <summary>OpenAI data-channel events, just enough of them to be told apart by event id.</summary>
public static class Events
{
    public static JsonElement Numbered(int n) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["type"] = "conversation.item.input_audio_transcription.delta",
            ["event_id"] = $"event_{n:D4}",
            ["item_id"] = "item_1",
            ["delta"] = $"word{n} ",
        });

    public static string[] Ids(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(n => $"event_{n:D4}")];
}
