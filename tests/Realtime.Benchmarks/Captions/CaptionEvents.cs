using System.Text.Json.Nodes;
using Realtime.Shared.Captions;

namespace Realtime.Benchmarks.Captions;

/// <summary>One speaker batch, for both paths: an input-transcription delta and its completed event (GA names).</summary>
public static class CaptionEvents
{
    public const int UpdatesPerBatch = 2;

    /// <summary>The OpenAI events the speaker relays to /hubs/captions.</summary>
    public static JsonArray OpenAI(int index, long stamp) =>
    [
        new JsonObject
        {
            ["type"] = "conversation.item.input_audio_transcription.delta",
            ["event_id"] = $"ev_{index}_d",
            ["item_id"] = $"item_{index}",
            ["content_index"] = 0,
            ["delta"] = CaptionStamp.Delta(stamp),
        },
        new JsonObject
        {
            ["type"] = "conversation.item.input_audio_transcription.completed",
            ["event_id"] = $"ev_{index}_c",
            ["item_id"] = $"item_{index}",
            ["content_index"] = 0,
            ["transcript"] = CaptionStamp.Final(stamp, index),
        },
    ];

    /// <summary>The same two updates as the plain hub broadcasts them.</summary>
    public static CaptionUpdate[] Plain(string group, int index, long stamp) =>
    [
        new(group, index * 2L + 1, $"item_{index}:0", "user", CaptionKind.Partial, CaptionStamp.Delta(stamp), null, null),
        new(group, index * 2L + 2, $"item_{index}:0", "user", CaptionKind.Final, CaptionStamp.Final(stamp, index), null, null),
    ];
}
