using System.Text.Json;

namespace Realtime.Client.Publishing;

/// <summary>
/// Which OpenAI server events settle a caption (a viewer waits for these, so they seal their batch at once) and
/// which only refine a partial (the first to go when the queue is over its cap). The browser's event-relay.js
/// uses the same two lists.
/// </summary>
internal static class RelayEventKinds
{
    private static readonly HashSet<string> Finals =
    [
        "conversation.item.input_audio_transcription.completed",
        "conversation.item.input_audio_transcription.failed",
        "conversation.item.input_audio_transcription.segment",
        "response.output_audio_transcript.done",
        "response.audio_transcript.done",
        "response.output_text.done",
        "response.text.done",
    ];

    public static bool IsFinal(JsonElement openAIEvent) => TypeOf(openAIEvent) is { } type && Finals.Contains(type);

    public static bool IsDelta(JsonElement openAIEvent) => TypeOf(openAIEvent)?.EndsWith(".delta", StringComparison.Ordinal) == true;

    private static string? TypeOf(JsonElement openAIEvent) =>
        openAIEvent.ValueKind == JsonValueKind.Object && openAIEvent.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;
}
